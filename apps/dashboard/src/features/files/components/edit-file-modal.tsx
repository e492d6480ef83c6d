import type { FileResponse, UpdateFileRequest } from '@keyhold/contracts';
import { TagsInput, TextInput } from '@mantine/core';
import { FormModal, ModalForm } from '@/components/form-modal';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useUpdateFile } from '../api/files';
import { editFileSchema } from '../schemas';

/** Rename a file and choose the subscriptions allowed to download it. */
export function EditFileModal({ appId, file, onClose }: { appId: string; file: FileResponse | null; onClose: () => void }) {
  // One form per opened file (keyed by its id): it starts from that file without a reset.
  return (
    <FormModal opened={Boolean(file)} onClose={onClose} title="Edit file">
      {file && <EditFileForm key={file.id} appId={appId} file={file} onClose={onClose} />}
    </FormModal>
  );
}

function EditFileForm({ appId, file, onClose }: { appId: string; file: FileResponse; onClose: () => void }) {
  const update = useUpdateFile(appId);
  const form = useSchemaForm(editFileSchema, { name: file.name, subscriptions: file.subscriptions });

  const submit = form.onSubmit(({ name, subscriptions }) => {
    const body: UpdateFileRequest = {};
    if (name !== file.name) body.name = name;
    if (subscriptions.join('\n') !== file.subscriptions.join('\n')) body.subscriptions = subscriptions;
    if (Object.keys(body).length === 0) return onClose();
    update.mutate(
      { id: file.id, body },
      {
        onSuccess: (saved) => {
          notifySuccess(saved.name, 'File saved');
          onClose();
        },
        onError: (error) => setApiErrors(form, error),
      },
    );
  });

  return (
    <ModalForm
      label="Edit file"
      onSubmit={submit}
      errorTitle="Could not save the file"
      error={update.error}
      errorDetails={formError(form)}
      onCancel={onClose}
      pending={update.isPending}
      submitLabel="Save file"
    >
      <TextInput label="Name" {...form.getInputProps('name')} data-autofocus />
      <TagsInput
        label="Allowed subscriptions"
        description="Empty: every active user may download"
        placeholder="Type and press Enter"
        {...form.getInputProps('subscriptions')}
        clearable
      />
    </ModalForm>
  );
}
