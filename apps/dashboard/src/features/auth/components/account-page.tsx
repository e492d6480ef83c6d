import type { SellerResponse } from '@keyhold/contracts';
import { Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { CopyIconButton } from '@/components/copy-icon-button';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { formatDate } from '@/lib/format';
import { useMe } from '../api/get-me';
import { AccountSection } from './account-section';
import { ChangePasswordCard } from './change-password-card';
import { SignOutEverywhereCard } from './sign-out-everywhere-card';
import { TwoFactorCard } from './two-factor-card';

/** /account: the seller's profile, password, two-factor sign-in and sessions. */
export function AccountPage() {
  useDocumentTitle('Account · Keyhold');
  const me = useMe();

  return (
    <Stack gap="lg">
      <PageHeader title="Account" description="Your profile and how you sign in." />
      {/* Once loaded, the cards stay even if a refresh fails: a dialog may be showing recovery codes. */}
      {me.data ? (
        <>
          <ProfileCard seller={me.data.seller} />
          <ChangePasswordCard />
          <TwoFactorCard seller={me.data.seller} />
        </>
      ) : me.isError ? (
        <QueryErrorAlert title="Could not load your account" error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />
      ) : (
        <Skeleton h={160} radius="md" />
      )}
      <SignOutEverywhereCard />
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </div>
  );
}

function ProfileCard({ seller }: { seller: SellerResponse }) {
  return (
    <AccountSection id="account-profile" title="Profile">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" data-testid="account-profile">
        <Field label="Name">
          <Text size="sm">{seller.name}</Text>
        </Field>
        <Field label="Email">
          <Text size="sm">{seller.email}</Text>
        </Field>
        <Field label="Seller ID">
          <Group gap={4} wrap="nowrap">
            <Text size="sm" className="kh-mono" truncate="end">
              {seller.id}
            </Text>
            <CopyIconButton value={seller.id} label="seller ID" />
          </Group>
        </Field>
        <Field label="Member since">
          <Text size="sm">{formatDate(seller.createdAt)}</Text>
        </Field>
      </SimpleGrid>
    </AccountSection>
  );
}
