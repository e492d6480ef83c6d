import type { BlacklistType } from '@keyhold/contracts';
import { Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { getFieldErrors } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useAddBlacklistEntry } from '../api/blacklist';
import { BLACKLIST_REASON_MAX, BLACKLIST_VALUE_MAX, validateBlacklistReason, validateBlacklistValue } from '../validation';

type Errors = Partial<Record<'value' | 'reason', string>>;

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
  const [type, setType] = useState<BlacklistType>('ip');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const copy = COPY[type];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    const valueProblem = validateBlacklistValue(type, value);
    const reasonProblem = validateBlacklistReason(reason);
    if (valueProblem) found.value = valueProblem;
    if (reasonProblem) found.reason = reasonProblem;
    setErrors(found);
    if (valueProblem || reasonProblem) return;
    const trimmedReason = reason.trim();
    add.mutate(
      { type, value: value.trim(), ...(trimmedReason ? { reason: trimmedReason } : {}) },
      {
        onSuccess: (entry) => {
          notifySuccess(`${entry.value} is blocked`, 'Added to the blacklist');
          setValue('');
          setReason('');
        },
        onError: (error) => setErrors(getFieldErrors(error)),
      },
    );
  };

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
          <MutationErrorAlert title="Could not add the entry" error={add.error} />
          <SegmentedControl
            value={type}
            onChange={(next) => {
              setType(next as BlacklistType);
              setErrors({});
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
              value={value}
              onChange={(e) => {
                setValue(e.currentTarget.value);
                setErrors((x) => ({ ...x, value: undefined }));
              }}
              error={errors.value}
              maxLength={BLACKLIST_VALUE_MAX + 1}
              classNames={{ input: 'kh-mono' }}
              style={{ flex: '1 1 16rem' }}
            />
            <TextInput
              label="Reason"
              placeholder="Optional: why it is blocked"
              description="Only you see it"
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setErrors((x) => ({ ...x, reason: undefined }));
              }}
              error={errors.reason}
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
