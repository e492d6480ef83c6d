import type { TwoFactorSetupResponse } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { Button, Center, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { QRCodeSVG } from 'qrcode.react';
import { CopyIconButton } from '@/components/copy-icon-button';
import { FormModal, ModalForm } from '@/components/form-modal';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import type { useEnableTwoFactor, useTwoFactorSetup } from '../api/two-factor';
import { enableTwoFactorSchema } from '../schemas';
import { RecoveryCodes } from './recovery-codes';

interface TwoFactorSetupModalProps {
  opened: boolean;
  onClose: () => void;
  /** POST /2fa/setup, the pending secret (the card owns both mutations: closing resets them, forgetting the secrets) */
  setup: ReturnType<typeof useTwoFactorSetup>;
  /** POST /2fa/enable: its answer carries the recovery codes */
  enable: ReturnType<typeof useEnableTwoFactor>;
  /** the seller's email, for the recovery codes' file */
  account: string;
}

const INVALID_SETUP_CODE = 'This code is not right: enter the code your authenticator app shows now';

/**
 * Turning two-factor sign-in on: scan the secret (or type it), confirm a code of it, then the
 * recovery codes, once. While they show, the dialog closes only through their "Done".
 */
export function TwoFactorSetupModal({ opened, onClose, setup, enable, account }: TwoFactorSetupModalProps) {
  const codes = enable.data?.recoveryCodes;

  let body: React.ReactNode;
  if (codes) {
    body = <RecoveryCodes codes={codes} account={account} onDone={onClose} />;
  } else if (setup.data) {
    body = <EnableForm secret={setup.data} enable={enable} onCancel={onClose} />;
  } else if (setup.isError) {
    body = (
      <Stack gap="md">
        <MutationErrorAlert title="Could not start the set-up" error={setup.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button leftSection={<IconRefresh size={16} />} onClick={() => setup.mutate()}>
            Try again
          </Button>
        </Group>
      </Stack>
    );
  } else {
    body = (
      <Center py="xl">
        <Loader aria-label="Preparing the secret" />
      </Center>
    );
  }

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={codes ? 'Two-factor sign-in is on' : 'Set up two-factor sign-in'}
      titleSize="lg"
      size="lg"
      closeOnClickOutside={!codes}
      closeOnEscape={!codes}
      withCloseButton={!codes}
    >
      {body}
    </FormModal>
  );
}

interface EnableFormProps {
  secret: TwoFactorSetupResponse;
  enable: TwoFactorSetupModalProps['enable'];
  onCancel: () => void;
}

function EnableForm({ secret, enable, onCancel }: EnableFormProps) {
  const form = useSchemaForm(enableTwoFactorSchema, { code: '' });
  const wrongCode = enable.error instanceof KeyholdError && enable.error.code === 'INVALID_TWO_FACTOR_CODE';

  const submit = form.onSubmit((body) =>
    enable.mutate(body, {
      onError: (error) => {
        setApiErrors(form, error);
        if (error instanceof KeyholdError && error.code === 'INVALID_TWO_FACTOR_CODE') form.setFieldError('code', INVALID_SETUP_CODE);
      },
    }),
  );

  return (
    <ModalForm
      label="Turn on two-factor sign-in"
      onSubmit={submit}
      errorTitle="Could not turn on two-factor sign-in"
      error={wrongCode ? null : enable.error}
      errorDetails={formError(form)}
      onCancel={onCancel}
      pending={enable.isPending}
      submitLabel="Turn on"
    >
      <Text size="sm">
        1. Scan this QR code with an authenticator app (1Password, Google Authenticator, Authy, Microsoft Authenticator...).
      </Text>
      <Center>
        {/* A light square whatever the theme: scanners want dark modules on light. */}
        <Paper p="sm" radius="md" withBorder bg="white">
          <QRCodeSVG value={secret.otpauthUrl} size={184} marginSize={1} role="img" aria-label="QR code for your authenticator app" />
        </Paper>
      </Center>
      <TextInput
        label="Secret key"
        description="Can't scan the code? Type this key into the app instead (time-based, 6 digits)."
        value={secret.secret}
        readOnly
        classNames={{ input: 'kh-mono' }}
        onFocus={(e) => e.currentTarget.select()}
        rightSection={<CopyIconButton value={secret.secret} label="secret key" />}
      />
      <Text size="sm">2. Enter the 6-digit code the app shows for Keyhold.</Text>
      <TextInput
        label="Code from the app"
        placeholder="123456"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        maw={200}
        classNames={{ input: 'kh-mono' }}
        {...form.getInputProps('code')}
        data-autofocus
      />
    </ModalForm>
  );
}
