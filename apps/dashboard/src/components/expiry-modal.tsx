import { Button, Group, SegmentedControl, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { DATE_FORMAT, formatDateTime } from '@/lib/format';
import { FormModal, ModalForm } from './form-modal';

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
  /** ISO 8601 (the end of the chosen day, local time), or null for "never expires"; a refusal it throws lands on the form. */
  onConfirm: (expiresAt: string | null) => Promise<unknown>;
  title: string;
  description?: ReactNode;
  /** The current expiry; quick extensions count from it when it is still ahead. */
  current: string | null;
  /** The current expiry in the words its row uses ("7 days after first use"); default: the date, or "never expires". */
  currentLabel?: string;
  loading?: boolean;
  error?: unknown;
}

/** The end of a calendar day in the seller's time zone, as the API wants it. */
export function endOfDayIso(day: string): string {
  return dayjs(day, DAY).endOf('day').toISOString();
}

/** `expiresAt` of PATCH /v1/admin/licenses/:id and /v1/admin/users/:id: a day from today on, or never. */
const expirySchema = z
  .object({ mode: z.enum(['date', 'never']), day: z.string().nullable() })
  .superRefine(({ mode, day }, ctx) => {
    if (mode === 'never') return;
    if (!day) ctx.addIssue({ code: 'custom', path: ['day'], message: 'Pick a date' });
    else if (dayjs(day, DAY).endOf('day').isBefore(dayjs()))
      ctx.addIssue({ code: 'custom', path: ['day'], message: 'Pick today or a later date' });
  })
  .transform(({ mode, day }) => (mode === 'date' && day ? endOfDayIso(day) : null));

/** Set or extend an expiry date, or make it never expire. */
export function ExpiryModal({ opened, onClose, title, ...form }: ExpiryModalProps) {
  // The form lives inside the modal: it mounts at each opening, from the current expiry, without a reset.
  return (
    <FormModal opened={opened} onClose={onClose} title={title}>
      <ExpiryForm title={title} onClose={onClose} {...form} />
    </FormModal>
  );
}

function ExpiryForm({ onClose, onConfirm, title, description, current, currentLabel, loading, error }: Omit<ExpiryModalProps, 'opened'>) {
  const ahead = current && dayjs(current).isAfter(dayjs()) ? dayjs(current) : null;
  const form = useSchemaForm(expirySchema, { mode: 'date', day: ahead ? ahead.format(DAY) : null });
  const { mode, day } = form.values;

  const extend = (days: number) => {
    form.setFieldValue('mode', 'date');
    form.setFieldValue('day', (ahead ?? dayjs()).add(days, 'day').format(DAY));
  };

  const submit = form.onSubmit((expiresAt) =>
    onConfirm(expiresAt).catch((refusal: unknown) => setApiErrors(form, refusal, { expiresAt: 'day' })),
  );

  return (
    <ModalForm
      label={title}
      onSubmit={submit}
      errorTitle="Could not change the expiry"
      error={error}
      errorDetails={formError(form)}
      onCancel={onClose}
      pending={loading}
      submitLabel="Save expiry"
    >
      {description && (
        <Text size="sm" c="dimmed" component="div">
          {description}
        </Text>
      )}
      <Text size="sm">
        Currently:{' '}
        <Text span fw={600}>
          {currentLabel ?? (current ? formatDateTime(current) : 'never expires')}
        </Text>
      </Text>
      <SegmentedControl
        fullWidth
        value={mode}
        onChange={(value) => {
          form.setFieldValue('mode', value);
          form.clearFieldError('day');
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
            onChange={(value) => form.setFieldValue('day', value ? dayjs(value).format(DAY) : null)}
            minDate={dayjs().format(DAY)}
            valueFormat={DATE_FORMAT}
            error={form.errors.day}
            popoverProps={{ withinPortal: true }}
            data-testid="expiry-date"
          />
        </>
      )}
    </ModalForm>
  );
}
