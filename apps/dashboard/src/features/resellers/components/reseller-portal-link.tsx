import { Group, Text, TextInput } from '@mantine/core';
import { CopyIconButton } from '@/components/copy-icon-button';
import { useSession } from '@/lib/session';

/** Where this seller's resellers sign in: the portal's sign-in page, with the seller in the link. */
export function resellerPortalUrl(sellerId: string): string {
  return `${window.location.origin}/reseller/sign-in?seller=${encodeURIComponent(sellerId)}`;
}

interface ResellerPortalLinkProps {
  /** `field`: a labelled read-only field (the resellers page); `inline`: one line of text (a reseller's header). */
  variant?: 'field' | 'inline';
  /** Who signs in there, for the inline sentence: "bob signs in at". */
  username?: string;
}

/** The portal link of the signed-in seller, with a copy button: resellers sign in there. */
export function ResellerPortalLink({ variant = 'field', username }: ResellerPortalLinkProps) {
  const sellerId = useSession()?.seller.id;
  if (!sellerId) return null;
  const url = resellerPortalUrl(sellerId);

  if (variant === 'inline') {
    return (
      <Group gap={6} wrap="nowrap" miw={0} data-testid="reseller-portal-link">
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {username ? `${username} signs in at` : 'Resellers sign in at'}
        </Text>
        <Text size="sm" className="kh-mono" truncate="end">
          {url}
        </Text>
        <CopyIconButton value={url} label="reseller portal link" />
      </Group>
    );
  }
  return (
    <TextInput
      label="Reseller portal link"
      description="Your resellers sign in here, with the username and password you give them"
      value={url}
      readOnly
      classNames={{ input: 'kh-mono' }}
      onFocus={(e) => e.currentTarget.select()}
      rightSection={<CopyIconButton value={url} label="reseller portal link" />}
    />
  );
}
