/**
 * One CSV cell of an export: quoted when it holds a comma, quote or line break, and defused when a
 * spreadsheet would run it as a formula (a leading `=`, `+`, `-`, `@`, tab or carriage return).
 */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
