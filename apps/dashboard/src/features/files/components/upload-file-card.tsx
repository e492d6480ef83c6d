import { Button, FileButton, Group, Paper, Progress, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { IconFile, IconUpload, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { getFieldErrors } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { validateSubscriptionList } from '@/lib/subscriptions';
import { useUploadFile } from '../api/files';
import { formatBytes, validateFileName } from '../validation';

type Errors = Partial<Record<'file' | 'name' | 'subscriptions', string>>;

/** Pick a file, optionally name it and limit it to subscriptions, and watch it upload. */
export function UploadFileCard({ appId }: { appId: string }) {
  const [progress, setProgress] = useState(0);
  const upload = useUploadFile(appId, setProgress);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [subscriptions, setSubscriptions] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {
      file: file ? undefined : 'Choose a file to upload',
      name: validateFileName(name, false),
      subscriptions: validateSubscriptionList(subscriptions),
    };
    setErrors(found);
    if (!file || found.name || found.subscriptions) return;
    setProgress(0);
    upload.mutate(
      { file, filename: file.name, ...(name.trim() ? { name: name.trim() } : {}), subscriptions },
      {
        onSuccess: (saved) => {
          notifySuccess(`${saved.name} (${formatBytes(saved.size)}) is ready to download`, 'File uploaded');
          setFile(null);
          setName('');
          setSubscriptions([]);
        },
        onError: (error) => setErrors(getFieldErrors(error)),
      },
    );
  };

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
          <MutationErrorAlert title="Could not upload the file" error={upload.error} />
          <Group gap="sm" wrap="nowrap" align="center">
            <FileButton
              onChange={(picked) => {
                setFile(picked);
                setErrors((x) => ({ ...x, file: undefined }));
                upload.reset();
              }}
            >
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconFile size={16} />} disabled={upload.isPending}>
                  Choose file
                </Button>
              )}
            </FileButton>
            <Text size="sm" c={file ? undefined : errors.file ? 'red' : 'dimmed'} truncate="end" style={{ minWidth: 0 }} data-testid="chosen-file">
              {file ? `${file.name} · ${formatBytes(file.size)}` : (errors.file ?? 'No file chosen')}
            </Text>
            {file && !upload.isPending && (
              <Button variant="subtle" color="gray" size="compact-sm" onClick={() => setFile(null)} aria-label="Remove the chosen file">
                <IconX size={14} />
              </Button>
            )}
          </Group>
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput
              label="Name"
              placeholder={file?.name ?? 'Defaults to the file name'}
              description="Shown to users and used as the download name"
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setErrors((x) => ({ ...x, name: undefined }));
              }}
              error={errors.name}
              style={{ flex: '1 1 14rem' }}
            />
            <TagsInput
              label="Allowed subscriptions"
              placeholder="Type and press Enter"
              description="Leave empty to let every active user download"
              value={subscriptions}
              onChange={(value) => {
                setSubscriptions(value);
                setErrors((x) => ({ ...x, subscriptions: undefined }));
              }}
              error={errors.subscriptions}
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
            <Button type="submit" leftSection={<IconUpload size={16} />} loading={upload.isPending}>
              Upload
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
