import dayjs from 'dayjs';

/** Formatting shared by every page: one formatter of each kind. */

/**
 * Dates are written one way everywhere, "25 Nov 2026" (and "25 Nov 2026, 14:05"), in the
 * seller's time zone: tables, dialogs, notifications and the date pickers' fields alike.
 */
export const DATE_FORMAT = 'D MMM YYYY';
const DATE_TIME_FORMAT = `${DATE_FORMAT}, HH:mm`;
const numberFormat = new Intl.NumberFormat();

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format(DATE_FORMAT) : '—';
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format(DATE_TIME_FORMAT) : '—';
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** "1 key", "3 keys". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

/** "30 days", "1 day", "Lifetime". */
export function formatDuration(days: number | null): string {
  return days === null ? 'Lifetime' : plural(days, 'day');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
