import type { FileResponse, UpdateFileRequest } from '@keyhold/contracts';
import { Button, Group, Modal, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useUpdateFile } from '../api/files';
import { editFileSchema } from '../schemas';

/** Rename a file and choose the subscriptions allowed to download it. */
export function EditFileModal({ appId, file, onClose }: { appId: string; file: FileResponse | null; onClose: () => void }) {
  // One form per opened file (keyed by its id): it starts from that file without a reset.
  return (
    <Modal opened={Boolean(file)} onClose={onClose} title={<Text fw={650}>Edit file</Text>} centered>
      {file && <EditFileForm key={file.id} appId={appId} file={file} onClose={onClose} />}
    </Modal>
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
    <form onSubmit={submit} noValidate aria-label="Edit file">
      <Stack gap="md">
        <MutationErrorAlert title="Could not save the file" error={update.error} details={formError(form)} />
        <TextInput label="Name" {...form.getInputProps('name')} data-autofocus />
        <TagsInput
          label="Allowed subscriptions"
          description="Empty: every active user may download"
          placeholder="Type and press Enter"
          {...form.getInputProps('subscriptions')}
          clearable
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save file
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
