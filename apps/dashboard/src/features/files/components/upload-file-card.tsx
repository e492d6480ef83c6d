import { Button, FileButton, Group, Paper, Progress, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { IconFile, IconUpload, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { formatBytes } from '@/lib/format';
import { notifyInfo, notifySuccess } from '@/lib/notify';
import { useUploadFile } from '../api/files';
import { uploadFileSchema } from '../schemas';

/** Pick a file, optionally name it and limit it to subscriptions, and watch it upload. */
export function UploadFileCard({ appId }: { appId: string }) {
  const [progress, setProgress] = useState(0);
  const upload = useUploadFile(appId, setProgress);
  const form = useSchemaForm(uploadFileSchema, { file: null as File | null, name: '', subscriptions: [] as string[] });
  const { file } = form.values;

  // The running upload's way to stop (state, not a ref: the Cancel button reads it while rendering).
  const [cancelling, setCancelling] = useState<AbortController | null>(null);

  const submit = form.onSubmit((input) => {
    setProgress(0);
    const cancel = new AbortController();
    setCancelling(cancel);
    upload.mutate(
      { ...input, cancel: cancel.signal },
      {
        onSuccess: (saved) => {
          notifySuccess(`${saved.name} (${formatBytes(saved.size)}) is ready to download`, 'File uploaded');
          form.reset(); // ready for the next file
        },
        onError: (error) => {
          // A cancelled upload is no error: the server keeps nothing of it, the chosen file stays.
          if (cancel.signal.aborted) {
            upload.reset();
            notifyInfo('Nothing was saved; the file is still chosen.', 'Upload cancelled');
          } else setApiErrors(form, error);
        },
      },
    );
  });

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} shadow="xs">
      <form onSubmit={submit} noValidate aria-label="Upload a file">
        <Stack gap="md">
          <div>
            <Title order={4}>Upload a file</Title>
            <Text size="sm" c="dimmed">
              Your software downloads it with a signed-in user's session; it is stored encrypted.
            </Text>
          </div>
          <MutationErrorAlert title="Could not upload the file" error={upload.error} details={formError(form)} />
          <Group gap="sm" wrap="nowrap" align="center">
            <FileButton
              onChange={(picked) => {
                form.setFieldValue('file', picked);
                upload.reset();
              }}
            >
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconFile size={16} />} disabled={upload.isPending}>
                  Choose file
                </Button>
              )}
            </FileButton>
            <Text
              size="sm"
              c={file ? undefined : form.errors.file ? 'red' : 'dimmed'}
              truncate="end"
              style={{ minWidth: 0 }}
              data-testid="chosen-file"
            >
              {file ? `${file.name} · ${formatBytes(file.size)}` : (form.errors.file ?? 'No file chosen')}
            </Text>
            {file && !upload.isPending && (
              <Button
                variant="subtle"
                color="gray"
                size="compact-sm"
                onClick={() => form.setFieldValue('file', null)}
                aria-label="Remove the chosen file"
              >
                <IconX size={14} />
              </Button>
            )}
          </Group>
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput
              label="Name"
              placeholder={file?.name ?? 'Defaults to the file name'}
              description="Shown to users and used as the download name"
              {...form.getInputProps('name')}
              style={{ flex: '1 1 14rem' }}
            />
            <TagsInput
              label="Allowed subscriptions"
              placeholder="Type and press Enter"
              description="Leave empty to let every active user download"
              {...form.getInputProps('subscriptions')}
              clearable
              style={{ flex: '1 1 14rem' }}
            />
          </Group>
          {upload.isPending && (
            <Stack gap={4}>
              <Progress value={Math.round(progress * 100)} animated striped aria-label="Upload progress" />
              <Text size="xs" c="dimmed" data-testid="upload-progress">
                {progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Encrypting and saving…'}
              </Text>
            </Stack>
          )}
          <Group justify="flex-end">
            {upload.isPending && (
              <Button variant="default" onClick={() => cancelling?.abort()}>
                Cancel upload
              </Button>
            )}
            <Button type="submit" leftSection={<IconUpload size={16} />} loading={upload.isPending}>
              Upload
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
