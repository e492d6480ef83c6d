import type { FileResponse, UpdateFileRequest } from '@keyhold/contracts';
import { TagsInput, TextInput } from '@mantine/core';
import { FormModal, ModalForm } from '@/components/form-modal';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useUpdateFile } from '../api/files';
import { editFileSchema } from '../schemas';

/**
 * A name's extension (`.exe`, `.tar.gz` is `.gz`): the part after the last dot, up to 10 letters or
 * digits, of a name that has something before it. Empty when there is none.
 */
export function extensionOf(name: string): string {
  return /.(\.[A-Za-z0-9]{1,10})$/.exec(name)?.[1] ?? '';
}

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
  // The name is also the download's file name: the extension stays, so a rename to "Installer v2"
  // still downloads as "Installer v2.exe" and opens as before. Only the part before it is edited.
  const extension = extensionOf(file.name);
  const stem = extension ? file.name.slice(0, -extension.length) : file.name;
  const form = useSchemaForm(editFileSchema, { name: stem, subscriptions: file.subscriptions });

  const submit = form.onSubmit(({ name: typed, subscriptions }) => {
    const name = extension && !typed.toLowerCase().endsWith(extension.toLowerCase()) ? `${typed}${extension}` : typed;
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
      <TextInput
        label="Name"
        description={extension ? `Also the download's file name; it keeps the extension ${extension}` : "Also the download's file name"}
        {...form.getInputProps('name')}
        rightSection={extension ? <span className="kh-mono">{extension}</span> : undefined}
        rightSectionWidth={extension ? `${extension.length + 2}ch` : undefined}
        rightSectionPointerEvents="none"
        data-autofocus
      />
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
