import { DEFAULT_LICENSE_MASK, MAX_LICENSES_PER_CALL, type GenerateLicensesRequest } from '@keyhold/contracts';
import {
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { KeyGenerationModal } from '@/components/key-generation-modal';
import { getFieldErrors } from '@/lib/errors';
import { formatDuration, plural } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import { useGenerateLicenses } from '../api/license-mutations';
import {
  maskExample,
  NOTE_MAX,
  validateCount,
  validateDurationDays,
  validateMask,
  validateNote,
  validateSubscription,
} from '../validation';

interface Values {
  count: number | string;
  lifetime: boolean;
  durationDays: number | string;
  subscription: string;
  mask: string;
  note: string;
}
type Field = 'count' | 'durationDays' | 'subscription' | 'mask' | 'note';
type Errors = Partial<Record<Field, string>>;

const INITIAL: Values = { count: 10, lifetime: false, durationDays: 30, subscription: 'default', mask: DEFAULT_LICENSE_MASK, note: '' };
const DURATION_PRESETS = [1, 7, 30, 90, 365];

function validate(values: Values): Errors {
  const errors: Errors = {
    count: validateCount(values.count),
    durationDays: values.lifetime ? undefined : validateDurationDays(values.durationDays),
    subscription: validateSubscription(values.subscription),
    mask: validateMask(values.mask),
    note: validateNote(values.note),
  };
  for (const key of Object.keys(errors) as Field[]) if (!errors[key]) delete errors[key];
  return errors;
}

function toRequest(values: Values): Omit<GenerateLicensesRequest, 'appId'> {
  const note = values.note.trim();
  return {
    count: values.count as number,
    durationDays: values.lifetime ? null : (values.durationDays as number),
    subscription: values.subscription.trim(),
    mask: values.mask.trim(),
    ...(note ? { note } : {}),
  };
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
  const [values, setValues] = useState<Values>(INITIAL);
  const [errors, setErrors] = useState<Errors>({});
  const result = generate.data;
  const sent = generate.variables;
  const example = useMemo(() => (validateMask(values.mask) ? null : maskExample(values.mask.trim())), [values.mask]);

  const close = () => {
    generate.reset(); // the keys are in the list now; the modal starts fresh next time
    setValues(INITIAL);
    setErrors({});
    onClose();
  };

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    generate.mutate(toRequest(values), {
      onSuccess: (answer) => notifySuccess(`${plural(answer.count, 'key')} generated`),
      onError: (error) => setErrors(getFieldErrors(error)),
    });
  };

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
              columns: { subscription: sent.subscription, duration_days: sent.durationDays ?? 'lifetime', note: sent.note ?? '' },
              filenameParts: [appName, 'keys'],
              onGenerateMore: () => generate.reset(),
            }
          : null
      }
      onSubmit={submit}
      error={generate.error}
      pending={generate.isPending}
      submitLabel="Generate keys"
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <NumberInput
          label="Number of keys"
          value={values.count}
          onChange={(value) => set('count', value)}
          min={1}
          max={MAX_LICENSES_PER_CALL}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          error={errors.count}
          data-autofocus
        />
        <TextInput
          label="Subscription"
          description="The level these keys give"
          value={values.subscription}
          onChange={(e) => set('subscription', e.currentTarget.value)}
          error={errors.subscription}
        />
      </SimpleGrid>
      <Stack gap={6}>
        <Text size="sm" fw={500} id="duration-label">
          Duration
        </Text>
        <SegmentedControl
          value={values.lifetime ? 'lifetime' : 'days'}
          onChange={(value) => set('lifetime', value === 'lifetime')}
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
            <NumberInput
              label="Days"
              description="Counted from the first time a key is used"
              value={values.durationDays}
              onChange={(value) => set('durationDays', value)}
              min={1}
              max={36_500}
              allowDecimal={false}
              allowNegative={false}
              error={errors.durationDays}
            />
            <Group gap={6}>
              {DURATION_PRESETS.map((days) => (
                <Button
                  key={days}
                  size="compact-sm"
                  variant={values.durationDays === days ? 'filled' : 'light'}
                  onClick={() => set('durationDays', days)}
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
        value={values.mask}
        onChange={(e) => set('mask', e.currentTarget.value)}
        error={errors.mask}
        classNames={{ input: 'kh-mono' }}
      />
      <Textarea
        label="Note"
        description="Optional: who the keys are for, an order number…"
        value={values.note}
        onChange={(e) => set('note', e.currentTarget.value)}
        error={errors.note}
        autosize
        minRows={2}
        maxRows={4}
        maxLength={NOTE_MAX + 1}
      />
    </KeyGenerationModal>
  );
}
