/** The file forms' checks: libs/contracts' patterns and limits, the same the API checks (apps/api/src/files/dto). */
import { FILE_NAME_PATTERN, FILE_NAME_RULE, type UploadFileFields } from '@keyhold/contracts';
import { z } from 'zod';
import { subscriptionList } from '@/lib/schemas';

const fileName = z.string().refine((value) => !value.trim() || FILE_NAME_PATTERN.test(value), `Use ${FILE_NAME_RULE}`);

/** The multipart upload: empty name means the file's own name. */
export const uploadFileSchema = z
  .object({
    file: z.custom<File | null>().refine((file) => file !== null, 'Choose a file to upload'),
    name: fileName,
    subscriptions: subscriptionList(),
  })
  .transform(({ file, name, subscriptions }): Omit<UploadFileFields, 'appId'> & { file: File; filename: string } => ({
    file,
    filename: file.name,
    ...(name.trim() ? { name: name.trim() } : {}),
    subscriptions,
  }));

/** PATCH /v1/admin/files/:id (the modal sends only what changed). */
export const editFileSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').pipe(fileName),
  subscriptions: subscriptionList(),
});
