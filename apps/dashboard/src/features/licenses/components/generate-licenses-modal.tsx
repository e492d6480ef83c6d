import { DEFAULT_LICENSE_MASK, MAX_LICENSES_PER_CALL } from '@keyhold/contracts';
import { Button, Checkbox, Group, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { WholeNumberInput } from '@/components/whole-number-input';
import { KeyGenerationModal } from '@/components/key-generation-modal';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { formatDuration, plural } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import { useGenerateLicenses } from '../api/license-mutations';
import { generateLicensesSchema, licenseMask, NOTE_MAX, type GenerateLicensesValues } from '../schemas';

const INITIAL: GenerateLicensesValues = {
  count: 10,
  lifetime: false,
  durationDays: 30,
  subscription: 'default',
  mask: DEFAULT_LICENSE_MASK,
  readable: false,
  note: '',
};
const DURATION_PRESETS = [1, 7, 30, 90, 365];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** The server's readable alphabet (licenses/license-key.ts): no 0, O, 1 or I. */
const READABLE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** What a key from this mask looks like (a preview only: the server makes the real keys). */
function maskExample(mask: string, readable: boolean): string {
  const alphabet = readable ? READABLE_ALPHABET : ALPHABET;
  return [...mask].map((c) => (c === 'X' ? alphabet[Math.floor(Math.random() * alphabet.length)] : c)).join('');
}

interface GenerateLicensesModalProps {
  appId: string;
  appName: string;
  opened: boolean;
  onClose: () => void;
}

/** Generate keys: a form, then the new keys once, to copy or download as CSV. */
export function GenerateLicensesModal({ appId, appName, opened, onClose }: GenerateLicensesModalProps) {
  const generate = useGenerateLicenses(appId);
  const form = useSchemaForm(generateLicensesSchema, INITIAL);
  const values = form.values;
  const result = generate.data;
  const sent = generate.variables;
  const example = useMemo(() => {
    const mask = licenseMask.safeParse(values.mask);
    return mask.success ? maskExample(mask.data, values.readable) : null;
  }, [values.mask, values.readable]);

  const close = () => {
    generate.reset(); // the keys are in the list now; the modal starts fresh next time
    form.reset();
    onClose();
  };

  const submit = form.onSubmit((body) =>
    generate.mutate(body, {
      onSuccess: (answer) => notifySuccess(`${plural(answer.count, 'key')} generated`),
      onError: (error) => setApiErrors(form, error),
    }),
  );

  return (
    <KeyGenerationModal
      opened={opened}
      onClose={close}
      title="Generate license keys"
      result={
        result && sent
          ? {
              summary: (
                <Text size="sm">
                  <Text span fw={600}>
                    {plural(result.count, 'new key')}
                  </Text>{' '}
                  · {formatDuration(sent.durationDays)} · subscription{' '}
                  <Text span fw={600}>
                    {sent.subscription}
                  </Text>
                  . Copy or download them now; they are also in the list.
                </Text>
              ),
              keys: result.keys,
              columns: { subscription: sent.subscription, durationDays: sent.durationDays ?? 'lifetime', note: sent.note ?? '' },
              filenameParts: [appName, 'keys'],
              // The next batch keeps its settings but not the note: that named who this batch was for.
              onGenerateMore: () => {
                generate.reset();
                form.setFieldValue('note', '');
              },
            }
          : null
      }
      onSubmit={submit}
      error={generate.error}
      errorDetails={formError(form)}
      pending={generate.isPending}
      submitLabel="Generate keys"
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <WholeNumberInput
          label="Number of keys"
          {...form.getInputProps('count')}
          min={1}
          max={MAX_LICENSES_PER_CALL}
          thousandSeparator=","
          data-autofocus
        />
        <TextInput label="Subscription" description="The level these keys give" {...form.getInputProps('subscription')} />
      </SimpleGrid>
      <Stack gap={6}>
        <Text size="sm" fw={500} id="duration-label">
          Duration
        </Text>
        <SegmentedControl
          value={values.lifetime ? 'lifetime' : 'days'}
          onChange={(value) => form.setFieldValue('lifetime', value === 'lifetime')}
          data={[
            { value: 'days', label: 'Fixed duration' },
            { value: 'lifetime', label: 'Lifetime' },
          ]}
          aria-labelledby="duration-label"
        />
        {values.lifetime ? (
          <Text size="xs" c="dimmed">
            The keys never expire.
          </Text>
        ) : (
          <>
            <WholeNumberInput
              label="Days"
              description="Counted from the first time a key is used"
              {...form.getInputProps('durationDays')}
              min={1}
              max={36_500}
            />
            <Group gap={6}>
              {DURATION_PRESETS.map((days) => (
                <Button
                  key={days}
                  size="compact-sm"
                  variant={values.durationDays === days ? 'filled' : 'light'}
                  onClick={() => form.setFieldValue('durationDays', days)}
                  aria-pressed={values.durationDays === days}
                >
                  {formatDuration(days)}
                </Button>
              ))}
            </Group>
          </>
        )}
      </Stack>
      <TextInput
        label="Mask"
        description={example ? `Each X becomes a random letter or digit, e.g. ${example}` : 'Each X becomes a random letter or digit'}
        {...form.getInputProps('mask')}
        classNames={{ input: 'kh-mono' }}
      />
      <Checkbox
        label="Leave out look-alike characters (0, O, 1, I)"
        description="For keys read aloud or typed from paper"
        {...form.getInputProps('readable', { type: 'checkbox' })}
      />
      <Textarea
        label="Note"
        description="Optional: who the keys are for, an order number…"
        {...form.getInputProps('note')}
        autosize
        minRows={2}
        maxRows={4}
        maxLength={NOTE_MAX + 1}
      />
    </KeyGenerationModal>
  );
}
