/** Checks of the app forms, the patterns and limits are libs/contracts', the same the API checks (apps/api/src/apps/dto/app.dto.ts). */
import { APP_VERSION_PATTERN, NAME_MAX_LENGTH } from '@keyhold/contracts';

export const APP_NAME_MAX = NAME_MAX_LENGTH;

export function validateAppName(value: string): string | undefined {
  const name = value.trim();
  if (!name) return 'Name is required';
  if (name.length > APP_NAME_MAX) return `Name must be at most ${APP_NAME_MAX} characters`;
  return undefined;
}

/** `required`: settings always have a version; the create form may leave it to the default. */
export function validateVersion(value: string, required: boolean): string | undefined {
  const version = value.trim();
  if (!version) return required ? 'Version is required' : undefined;
  if (!APP_VERSION_PATTERN.test(version)) return 'Use 1-50 letters, digits and . + - _ (for example 1.0.0)';
  return undefined;
}
