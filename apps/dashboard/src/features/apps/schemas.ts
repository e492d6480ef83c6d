/** The app forms' checks: libs/contracts' patterns and limits, the same the API checks (apps/api/src/apps/dto/app.dto.ts). */
import { APP_VERSION_PATTERN, APP_VERSION_RULE, NAME_MAX_LENGTH, OFFLINE_TTL_HOURS, type CreateAppRequest } from '@keyhold/contracts';
import { z } from 'zod';
import { wholeNumber } from '@/lib/schemas';

export const APP_NAME_MAX = NAME_MAX_LENGTH;
const VERSION_MESSAGE = `Use ${APP_VERSION_RULE} (for example 1.0.0)`;

const name = z.string().trim().min(1, 'Name is required').max(APP_NAME_MAX, `Name must be at most ${APP_NAME_MAX} characters`);

/** POST /v1/admin/apps: the version may be left to the API's default. */
export const createAppSchema = z
  .object({
    name,
    version: z
      .string()
      .trim()
      .refine((value) => !value || APP_VERSION_PATTERN.test(value), VERSION_MESSAGE),
  })
  .transform((values): CreateAppRequest => ({ name: values.name, ...(values.version ? { version: values.version } : {}) }));

/** PATCH /v1/admin/apps/:id: settings always have a version. */
export const appSettingsSchema = z.object({
  name,
  version: z.string().trim().min(1, 'Version is required').regex(APP_VERSION_PATTERN, VERSION_MESSAGE),
  enforceVersion: z.boolean(),
  hwidLock: z.boolean(),
  registrationEnabled: z.boolean(),
});

export type AppSettingsValues = z.input<typeof appSettingsSchema>;

export const OFFLINE_TTL_MESSAGE = `Between ${OFFLINE_TTL_HOURS.min} and ${OFFLINE_TTL_HOURS.max.toLocaleString('en')} hours`;

/** PATCH /v1/admin/apps/:id, the offline license settings. */
export const offlineSettingsSchema = z.object({
  offlineEnabled: z.boolean(),
  offlineTtlHours: wholeNumber('Enter a whole number of hours').pipe(
    z.number().min(OFFLINE_TTL_HOURS.min, OFFLINE_TTL_MESSAGE).max(OFFLINE_TTL_HOURS.max, OFFLINE_TTL_MESSAGE),
  ),
});

export type OfflineSettingsValues = z.input<typeof offlineSettingsSchema>;
