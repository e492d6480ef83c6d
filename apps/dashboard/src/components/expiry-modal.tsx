import { Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { getFieldErrors } from '@/lib/errors';
import { MutationErrorAlert } from './query-error-alert';

const DAY = 'YYYY-MM-DD';
const EXTENSIONS = [
  { label: '+7 days', days: 7 },
  { label: '+30 days', days: 30 },
  { label: '+90 days', days: 90 },
  { label: '+1 year', days: 365 },
];

interface ExpiryModalProps {
  opened: boolean;
  onClose: () => void;
  /** ISO 8601 (the end of the chosen day, local time), or null for "never expires". */
  onConfirm: (expiresAt: string | null) => void;
  title: string;
  description?: ReactNode;
  /** The current expiry; quick extensions count from it when it is still ahead. */
  current: string | null;
  loading?: boolean;
  error?: unknown;
}

/** The end of a calendar day in the seller's time zone, as the API wants it. */
export function endOfDayIso(day: string): string {
  return dayjs(day, DAY).endOf('day').toISOString();
}

/** Set or extend an expiry date, or make it never expire. */
export function ExpiryModal({ opened, onClose, onConfirm, title, description, current, loading, error }: ExpiryModalProps) {
  const [mode, setMode] = useState<'date' | 'never'>('date');
  const [day, setDay] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string>();

  useEffect(() => {
    if (!opened) return;
    setMode('date');
    setDay(current && dayjs(current).isAfter(dayjs()) ? dayjs(current).format(DAY) : null);
    setFieldError(undefined);
  }, [opened, current]);

  useEffect(() => {
    const fromApi = getFieldErrors(error).expiresAt;
    if (fromApi) setFieldError(fromApi);
  }, [error]);

  const extend = (days: number) => {
    const from = current && dayjs(current).isAfter(dayjs()) ? dayjs(current) : dayjs();
    setMode('date');
    setDay(from.add(days, 'day').format(DAY));
    setFieldError(undefined);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'never') return onConfirm(null);
    if (!day) return setFieldError('Pick a date');
    if (dayjs(day, DAY).endOf('day').isBefore(dayjs())) return setFieldError('Pick today or a later date');
    onConfirm(endOfDayIso(day));
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>{title}</Text>} centered>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <MutationErrorAlert title="Could not change the expiry" error={error} />
          {description && (
            <Text size="sm" c="dimmed" component="div">
              {description}
            </Text>
          )}
          <Text size="sm">
            Currently:{' '}
            <Text span fw={600}>
              {current ? dayjs(current).format('D MMM YYYY, HH:mm') : 'no expiry date'}
            </Text>
          </Text>
          <SegmentedControl
            fullWidth
            value={mode}
            onChange={(value) => {
              setMode(value as 'date' | 'never');
              setFieldError(undefined);
            }}
            data={[
              { value: 'date', label: 'Expires on a date' },
              { value: 'never', label: 'Never expires' },
            ]}
            aria-label="Expiry"
          />
          {mode === 'date' && (
            <>
              <Group gap={6}>
                {EXTENSIONS.map((option) => (
                  <Button key={option.days} size="compact-sm" variant="light" onClick={() => extend(option.days)}>
                    {option.label}
                  </Button>
                ))}
              </Group>
              <DatePickerInput
                label="Expires on"
                description="Access ends at the end of this day"
                placeholder="Pick a date"
                leftSection={<IconCalendar size={16} />}
                value={day}
                onChange={(value) => {
                  setDay(value ? dayjs(value).format(DAY) : null);
                  setFieldError(undefined);
                }}
                minDate={dayjs().format(DAY)}
                valueFormat="D MMM YYYY"
                error={fieldError}
                popoverProps={{ withinPortal: true }}
                data-testid="expiry-date"
              />
            </>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={loading}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Save expiry
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
