/** Checks of the file forms, the same rules as the API's (apps/api/src/files/dto). */

const FILE_NAME = /^(?=[\s\S]*\S)[^\x00-\x1f\x7f]{1,255}$/u;

/** Empty is allowed on upload (the file's own name is used). */
export function validateFileName(value: string, required: boolean): string | undefined {
  if (!value.trim()) return required ? 'Name is required' : undefined;
  if (!FILE_NAME.test(value)) return 'Use 1-255 characters without control characters';
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
