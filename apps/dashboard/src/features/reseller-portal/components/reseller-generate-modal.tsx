import { DEFAULT_LICENSE_MASK, MAX_LICENSES_PER_CALL, NOTE_MAX_LENGTH, type ResellerProfile } from '@keyhold/contracts';
import { Alert, Checkbox, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { WholeNumberInput } from '@/components/whole-number-input';
import { KeyGenerationModal } from '@/components/key-generation-modal';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { formatDuration, formatNumber, plural } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import { useResellerGenerate } from '../api/portal';
import { resellerGenerateSchema, type ResellerGenerateValues } from '../schemas';

const durationValue = (days: number | null) => (days === null ? 'lifetime' : String(days));

/** A single choice is picked already. */
function firstChoices(profile: ResellerProfile): ResellerGenerateValues {
  return {
    appId: profile.apps.length === 1 ? profile.apps[0].id : null,
    subscription: profile.subscriptions.length === 1 ? profile.subscriptions[0] : null,
    duration: profile.prices.length === 1 ? durationValue(profile.prices[0].durationDays) : null,
    count: 1,
    mask: DEFAULT_LICENSE_MASK,
    readable: false,
    note: '',
  };
}

/** The price of `count` keys of a duration, or null when the duration has no price. */
export function quote(profile: ResellerProfile, duration: string | null, count: number | string) {
  const price = profile.prices.find((p) => durationValue(p.durationDays) === duration);
  if (!price || typeof count !== 'number') return null;
  const total = price.credits * count;
  return { each: price.credits, total, after: profile.credits - total };
}

/** Generate keys within what the seller allows; the price and the balance after show first. */
export function ResellerGenerateModal({ profile, opened, onClose }: { profile: ResellerProfile; opened: boolean; onClose: () => void }) {
  const generate = useResellerGenerate();
  const form = useSchemaForm(resellerGenerateSchema, firstChoices(profile));
  const values = form.values;
  const result = generate.data;
  const sent = generate.variables;
  const price = quote(profile, values.duration, values.count);
  const short = price !== null && price.after < 0;

  const close = () => {
    generate.reset();
    // The next opening starts from the first choices again.
    form.setValues(firstChoices(profile));
    form.clearErrors();
    onClose();
  };

  const submit = form.onSubmit((body) => {
    if (short) return; // the button is disabled too; the quote says why
    generate.mutate(body, {
      onSuccess: (answer) => notifySuccess(`${plural(answer.count, 'key')} for ${plural(answer.cost, 'credit')}`, 'Keys generated'),
      onError: (error) => setApiErrors(form, error, { durationDays: 'duration' }),
    });
  });

  const appName = profile.apps.find((a) => a.id === sent?.appId)?.name ?? 'keys';
  return (
    <KeyGenerationModal
      opened={opened}
      onClose={close}
      title="Generate keys"
      result={
        result && sent
          ? {
              summary: (
                <Text size="sm" data-testid="generate-summary">
                  <b>{plural(result.count, 'key')}</b> for <b>{plural(result.cost, 'credit')}</b>. Your balance is now{' '}
                  <b>{plural(result.credits, 'credit')}</b>.
                </Text>
              ),
              keys: result.keys,
              columns: {
                app: appName,
                subscription: sent.subscription,
                durationDays: sent.durationDays ?? 'lifetime',
                ...(sent.note ? { note: sent.note } : {}),
              },
              filenameParts: [appName, 'keys'],
              onGenerateMore: () => generate.reset(),
            }
          : null
      }
      onSubmit={submit}
      error={generate.error}
      errorDetails={formError(form)}
      pending={generate.isPending}
      submitLabel={price ? `Generate for ${plural(price.total, 'credit')}` : 'Generate keys'}
      submitDisabled={short}
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <Select
          label="App"
          placeholder="Pick an app"
          data={profile.apps.map((a) => ({ value: a.id, label: a.name }))}
          {...form.getInputProps('appId')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Subscription"
          placeholder="Pick a subscription"
          data={profile.subscriptions}
          {...form.getInputProps('subscription')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Duration"
          placeholder="Pick a duration"
          data={profile.prices.map((p) => ({
            value: durationValue(p.durationDays),
            label: `${formatDuration(p.durationDays)} · ${plural(p.credits, 'credit')} each`,
          }))}
          {...form.getInputProps('duration')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <WholeNumberInput label="Number of keys" {...form.getInputProps('count')} min={1} max={MAX_LICENSES_PER_CALL} />
        <TextInput
          label="Key mask"
          description="Each X becomes a random letter or digit; at least 8 X"
          classNames={{ input: 'kh-mono' }}
          maxLength={64}
          autoComplete="off"
          {...form.getInputProps('mask')}
        />
        <Checkbox
          label="Leave out look-alike characters (0, O, 1, I)"
          description="For keys read aloud or typed from paper"
          {...form.getInputProps('readable', { type: 'checkbox' })}
        />
        <TextInput
          label="Note"
          description="Optional; on every key of this batch (your seller sees it too)"
          placeholder="e.g. Order 1234"
          maxLength={NOTE_MAX_LENGTH}
          {...form.getInputProps('note')}
        />
      </SimpleGrid>
      <Paper withBorder radius="md" p="md" bg="var(--mantine-color-default-hover)" data-testid="price-quote">
        {price ? (
          <Stack gap={2}>
            <Text size="sm">
              {formatNumber(values.count as number)} × {plural(price.each, 'credit')} ={' '}
              <Text span fw={700}>
                {plural(price.total, 'credit')}
              </Text>
            </Text>
            <Text size="sm" c={short ? 'red' : 'dimmed'}>
              Balance {formatNumber(profile.credits)} → {plural(price.after, 'credit')}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Pick a duration and a number of keys to see the price. Your balance: {plural(profile.credits, 'credit')}.
          </Text>
        )}
      </Paper>
      {short && (
        <Alert variant="light" color="red" icon={<IconAlertTriangle />} role="alert" title="Not enough credits">
          Ask your vendor for a top-up, or generate fewer keys.
        </Alert>
      )}
    </KeyGenerationModal>
  );
}
