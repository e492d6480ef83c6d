import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { ConfirmModal } from '@/components/confirm-modal';
import { useSignOutEverywhere } from '../api/logout';
import { SIGNED_OUT_EVERYWHERE_MESSAGE } from '../redirect';
import { AccountSection } from './account-section';

/** Ends every session of the seller, this one included (a lost laptop, a shared computer). */
export function SignOutEverywhereCard() {
  const signOutEverywhere = useSignOutEverywhere();
  const navigate = useNavigate();
  const [opened, modal] = useDisclosure(false);

  return (
    <AccountSection
      id="account-sessions"
      title="Sessions"
      description="Signed in on a computer you no longer use? End every session of your account, this one included."
    >
      <Group>
        <Button
          variant="default"
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => {
            signOutEverywhere.reset();
            modal.open();
          }}
        >
          Sign out everywhere
        </Button>
      </Group>
      <ConfirmModal
        opened={opened}
        onClose={modal.close}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        loading={signOutEverywhere.isPending}
        error={signOutEverywhere.error}
        onConfirm={() =>
          signOutEverywhere.mutate(undefined, {
            // The session is gone already (the hook clears it): the sign-in page says why.
            onSuccess: () => void navigate('/sign-in', { replace: true, state: { notice: SIGNED_OUT_EVERYWHERE_MESSAGE } }),
          })
        }
      >
        Every browser and device signed in to your account is signed out, this one included. You then sign in again with your password.
      </ConfirmModal>
    </AccountSection>
  );
}
