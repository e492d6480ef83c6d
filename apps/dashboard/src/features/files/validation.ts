/** Checks of the file forms, the patterns and limits are libs/contracts', the same the API checks (apps/api/src/files/dto). */
import { FILE_NAME_PATTERN } from '@keyhold/contracts';


/** Empty is allowed on upload (the file's own name is used). */
export function validateFileName(value: string, required: boolean): string | undefined {
  if (!value.trim()) return required ? 'Name is required' : undefined;
  if (!FILE_NAME_PATTERN.test(value)) return 'Use 1-255 characters without control characters';
  return undefined;
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
