import type { FileResponse } from '@keyhold/contracts';
import { Button, Group, Modal, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { getFieldErrors } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { validateSubscriptionList } from '@/lib/subscriptions';
import { useUpdateFile } from '../api/files';
import { validateFileName } from '../validation';

type Errors = Partial<Record<'name' | 'subscriptions', string>>;

/** Rename a file and choose the subscriptions allowed to download it. */
export function EditFileModal({ appId, file, onClose }: { appId: string; file: FileResponse | null; onClose: () => void }) {
  const update = useUpdateFile(appId);
  const [name, setName] = useState('');
  const [subscriptions, setSubscriptions] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});

  // A fresh form each time a file is opened.
  useEffect(() => {
    if (!file) return;
    setName(file.name);
    setSubscriptions(file.subscriptions);
    setErrors({});
    update.reset();
  }, [file]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const found: Errors = { name: validateFileName(name, true), subscriptions: validateSubscriptionList(subscriptions) };
    setErrors(found);
    if (found.name || found.subscriptions) return;
    const body: { name?: string; subscriptions?: string[] } = {};
    if (name.trim() !== file.name) body.name = name.trim();
    if (subscriptions.join('\n') !== file.subscriptions.join('\n')) body.subscriptions = subscriptions;
    if (Object.keys(body).length === 0) return onClose();
    update.mutate(
      { id: file.id, body },
      {
        onSuccess: (saved) => {
          notifySuccess(saved.name, 'File saved');
          onClose();
        },
        onError: (error) => setErrors(getFieldErrors(error)),
      },
    );
  };

  return (
    <Modal opened={Boolean(file)} onClose={onClose} title={<Text fw={650}>Edit file</Text>} centered>
      <form onSubmit={submit} noValidate aria-label="Edit file">
        <Stack gap="md">
          <MutationErrorAlert title="Could not save the file" error={update.error} />
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setErrors((x) => ({ ...x, name: undefined }));
            }}
            error={errors.name}
            data-autofocus
          />
          <TagsInput
            label="Allowed subscriptions"
            description="Empty: every active user may download"
            placeholder="Type and press Enter"
            value={subscriptions}
            onChange={(value) => {
              setSubscriptions(value);
              setErrors((x) => ({ ...x, subscriptions: undefined }));
            }}
            error={errors.subscriptions}
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
    </Modal>
  );
}
