import type { BlacklistType } from '@keyhold/contracts';
import { Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useAddBlacklistEntry } from '../api/blacklist';
import { addBlacklistEntrySchema } from '../schemas';
import { BLACKLIST_REASON_MAX, BLACKLIST_VALUE_MAX } from '../validation';

const COPY: Record<BlacklistType, { label: string; placeholder: string; description: string }> = {
  ip: {
    label: 'IP address or CIDR range',
    placeholder: '203.0.113.7 or 203.0.113.0/24',
    description: 'IPv4 or IPv6; a range blocks every address in it',
  },
  hwid: {
    label: 'Hardware id',
    placeholder: 'ABCD-1234-EFGH',
    description: 'As your software reports it (shown on the user and the key)',
  },
};

/** Block an IP, a range or a device from signing in, registering or checking a license. */
export function AddBlacklistEntryForm({ appId }: { appId: string }) {
  const add = useAddBlacklistEntry(appId);
  const form = useSchemaForm(addBlacklistEntrySchema, { type: 'ip', value: '', reason: '' });
  const type = form.values.type;
  const copy = COPY[type];

  const submit = form.onSubmit((body) =>
    add.mutate(body, {
      onSuccess: (entry) => {
        notifySuccess(`${entry.value} is blocked`, 'Added to the blacklist');
        form.setValues({ value: '', reason: '' }); // ready for the next entry of the same type
      },
      onError: (error) => setApiErrors(form, error),
    }),
  );

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} shadow="xs">
      <form onSubmit={submit} noValidate aria-label="Add to the blacklist">
        <Stack gap="md">
          <div>
            <Title order={4}>Block an address or a device</Title>
            <Text size="sm" c="dimmed">
              Requests from a blocked IP or hardware id are refused before any password is checked.
            </Text>
          </div>
          <MutationErrorAlert title="Could not add the entry" error={add.error} details={formError(form)} />
          <SegmentedControl
            value={type}
            onChange={(next) => {
              // A value typed for one type is not one of the other: an IP must never be saved as a hardware id.
              form.setValues({ type: next, value: '' });
              form.clearErrors();
              add.reset();
            }}
            data={[
              { value: 'ip', label: 'IP or range' },
              { value: 'hwid', label: 'Hardware id' },
            ]}
            aria-label="Entry type"
            style={{ alignSelf: 'flex-start' }}
          />
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput
              label={copy.label}
              placeholder={copy.placeholder}
              description={copy.description}
              {...form.getInputProps('value')}
              maxLength={BLACKLIST_VALUE_MAX + 1}
              classNames={{ input: 'kh-mono' }}
              style={{ flex: '1 1 16rem' }}
            />
            <TextInput
              label="Reason"
              placeholder="Optional: why it is blocked"
              description="Only you see it"
              {...form.getInputProps('reason')}
              maxLength={BLACKLIST_REASON_MAX + 1}
              style={{ flex: '1 1 16rem' }}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconPlus size={16} />} loading={add.isPending}>
              Add to blacklist
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
