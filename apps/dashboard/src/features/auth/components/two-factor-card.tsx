import type { SellerResponse } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { Badge, Button, Group, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { FormModal, ModalForm } from '@/components/form-modal';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useDisableTwoFactor, useEnableTwoFactor, useTwoFactorSetup } from '../api/two-factor';
import { disableTwoFactorSchema } from '../schemas';
import { AccountSection } from './account-section';
import { TwoFactorSetupModal } from './two-factor-setup-modal';

/** Two-factor sign-in: off, set it up (QR code, a code, recovery codes); on, turn it off with a code. */
export function TwoFactorCard({ seller }: { seller: SellerResponse }) {
  const setup = useTwoFactorSetup();
  const enable = useEnableTwoFactor();
  const [setupOpened, setupModal] = useDisclosure(false);
  const [disableOpened, disableModal] = useDisclosure(false);
  const on = seller.twoFactorEnabled;

  const startSetup = () => {
    enable.reset();
    setup.mutate();
    setupModal.open();
  };
  // Closing forgets the pending secret and the recovery codes: nothing of them stays in memory.
  const closeSetup = () => {
    setupModal.close();
    setup.reset();
    enable.reset();
  };

  return (
    <AccountSection
      id="account-two-factor"
      title="Two-factor sign-in"
      badge={
        <Badge variant="light" color={on ? 'teal' : 'gray'} data-testid="two-factor-status">
          {on ? 'On' : 'Off'}
        </Badge>
      }
      description={
        on
          ? 'Signing in asks for a code from your authenticator app after your password. Lost the app? Use one of your recovery codes.'
          : 'Ask for a code from an authenticator app after your password, so that a stolen password alone cannot sign in.'
      }
    >
      <Group>
        {/* The set-up dialog stays mounted as "on" arrives: it still has the recovery codes to show. */}
        {on ? (
          <Button variant="default" color="red" leftSection={<IconShieldOff size={16} />} onClick={disableModal.open}>
            Turn off
          </Button>
        ) : (
          <Button leftSection={<IconShieldCheck size={16} />} onClick={startSetup}>
            Set up
          </Button>
        )}
      </Group>
      <TwoFactorSetupModal opened={setupOpened} onClose={closeSetup} setup={setup} enable={enable} account={seller.email} />
      <FormModal opened={disableOpened} onClose={disableModal.close} title="Turn off two-factor sign-in?">
        <DisableForm onClose={disableModal.close} />
      </FormModal>
    </AccountSection>
  );
}

const INVALID_CODE = 'This code is not valid: enter the current code of your authenticator app, or an unused recovery code';

/** Mounted at each opening of its dialog, so it starts empty. */
function DisableForm({ onClose }: { onClose: () => void }) {
  const disable = useDisableTwoFactor();
  const form = useSchemaForm(disableTwoFactorSchema, { code: '' });
  const wrongCode = disable.error instanceof KeyholdError && disable.error.code === 'INVALID_TWO_FACTOR_CODE';

  const submit = form.onSubmit((body) =>
    disable.mutate(body, {
      onSuccess: () => {
        notifySuccess('Signing in asks for your password only.', 'Two-factor sign-in is off');
        onClose();
      },
      onError: (error) => {
        setApiErrors(form, error);
        if (error instanceof KeyholdError && error.code === 'INVALID_TWO_FACTOR_CODE') form.setFieldError('code', INVALID_CODE);
      },
    }),
  );

  return (
    <ModalForm
      label="Turn off two-factor sign-in"
      onSubmit={submit}
      errorTitle="Could not turn off two-factor sign-in"
      error={wrongCode ? null : disable.error}
      errorDetails={formError(form)}
      onCancel={onClose}
      pending={disable.isPending}
      submitLabel="Turn off"
      submitColor="red"
    >
      <Text size="sm">Signing in will ask for your password only. Your recovery codes stop working.</Text>
      <TextInput
        label="Authenticator or recovery code"
        description="The 6-digit code your app shows now, or one of your recovery codes"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        classNames={{ input: 'kh-mono' }}
        {...form.getInputProps('code')}
        data-autofocus
      />
    </ModalForm>
  );
}
