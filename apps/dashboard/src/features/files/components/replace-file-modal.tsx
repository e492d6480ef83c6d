import type { FileResponse } from '@keyhold/contracts';
import { Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconFile, IconUpload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { formatBytes } from '@/lib/format';
import { notifyInfo, notifySuccess } from '@/lib/notify';
import { useReplaceFileContent } from '../api/files';

/**
 * New bytes for a file: a new build of the software under the same id, name and subscriptions,
 * so the seller's software keeps downloading it by the id it knows. Cancellable while it uploads.
 */
export function ReplaceFileModal({ appId, file, onClose }: { appId: string; file: FileResponse | null; onClose: () => void }) {
  const [progress, setProgress] = useState(0);
  const [picked, setPicked] = useState<File | null>(null);
  const replace = useReplaceFileContent(appId, setProgress);
  const cancelling = useRef<AbortController | null>(null);

  const close = () => {
    cancelling.current?.abort();
    replace.reset();
    setPicked(null);
    onClose();
  };

  const start = () => {
    if (!file || !picked) return;
    setProgress(0);
    const cancel = new AbortController();
    cancelling.current = cancel;
    replace.mutate(
      { id: file.id, file: picked, cancel: cancel.signal },
      {
        onSuccess: (saved) => {
          notifySuccess(`${saved.name} now has the new ${formatBytes(saved.size)}`, 'File replaced');
          setPicked(null);
          onClose();
        },
        onError: () => {
          if (!cancel.signal.aborted) return;
          replace.reset();
          notifyInfo(`${file.name} keeps its previous bytes.`, 'Replacement cancelled');
        },
      },
    );
  };

  return (
    <FormModal opened={Boolean(file)} onClose={close} title="Replace the file">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {file?.name} keeps its id, name and allowed subscriptions; downloads get the new bytes once they are saved.
        </Text>
        <MutationErrorAlert title="Could not replace the file" error={replace.error} />
        <Group gap="sm" wrap="nowrap">
          <FileButton onChange={setPicked}>
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconFile size={16} />} disabled={replace.isPending}>
                Choose the new file
              </Button>
            )}
          </FileButton>
          <Text size="sm" c={picked ? undefined : 'dimmed'} truncate="end" data-testid="replacement-file">
            {picked ? `${picked.name} · ${formatBytes(picked.size)}` : 'No file chosen'}
          </Text>
        </Group>
        {replace.isPending && (
          <Stack gap={4}>
            <Progress value={Math.round(progress * 100)} animated striped aria-label="Upload progress" />
            <Text size="xs" c="dimmed">
              {progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Encrypting and saving…'}
            </Text>
          </Stack>
        )}
        <Group justify="flex-end" gap="sm">
          {replace.isPending ? (
            <Button variant="default" onClick={() => cancelling.current?.abort()}>
              Cancel upload
            </Button>
          ) : (
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
          )}
          <Button leftSection={<IconUpload size={16} />} onClick={start} disabled={!picked} loading={replace.isPending}>
            Replace
          </Button>
        </Group>
      </Stack>
    </FormModal>
  );
}
