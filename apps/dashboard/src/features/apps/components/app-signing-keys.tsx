import { MAX_SIGNING_KEYS, type AppResponse, type SigningKeyResponse, type SigningKeyStatus } from '@keyhold/contracts';
import { Badge, Button, Code, Group, List, Paper, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconCircleCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { CopyAllButton } from '@/components/copy-all-button';
import { CopyIconButton } from '@/components/copy-icon-button';
import { DataTableFrame } from '@/components/data-table';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { formatDateTime } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { jwksOf, useActivateSigningKey, useAddSigningKey, useRetireSigningKey, useSigningKeys } from '../api/signing-keys';

const LOOK: Record<SigningKeyStatus, { color: string; label: string; meaning: string }> = {
  active: { color: 'teal', label: 'Active', meaning: 'Signs every answer' },
  next: { color: 'blue', label: 'Next', meaning: 'Published, not signing yet' },
  previous: { color: 'gray', label: 'Previous', meaning: 'Published, no longer signing' },
};

export function SigningKeyStatusBadge({ status }: { status: SigningKeyStatus }) {
  const { color, label } = LOOK[status];
  return (
    <Badge color={color} variant="light" radius="sm" leftSection={<span aria-hidden>●</span>}>
      {label}
    </Badge>
  );
}

/** The JWK Set as the seller pins it: what GET /v1/client/jwks answers, laid out to read. */
function jwksText(keys: readonly SigningKeyResponse[]): string {
  return JSON.stringify(jwksOf(keys), null, 2);
}

function KeyRow({ signingKey, onActivate, onRetire }: { signingKey: SigningKeyResponse; onActivate: () => void; onRetire: () => void }) {
  const { kid, status } = signingKey;
  return (
    <Table.Tr data-testid="signing-key-row" data-kid={kid}>
      <Table.Td>
        <Text size="sm" className="kh-mono">
          {kid}
        </Text>
        <Text size="xs" c="dimmed">
          Created {formatDateTime(signingKey.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          <SigningKeyStatusBadge status={status} />
          <Text size="xs" c="dimmed">
            {LOOK[status].meaning}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed">
            JWK
          </Text>
          <CopyIconButton value={JSON.stringify(signingKey.publicJwk)} label={`JWK of ${kid}`} />
          <Text size="xs" c="dimmed">
            PEM
          </Text>
          <CopyIconButton value={signingKey.publicPem} label={`PEM of ${kid}`} />
        </Group>
      </Table.Td>
      <Table.Td>
        {/* The active key is neither activated again nor retired: another key is activated first. */}
        {status !== 'active' && (
          <Group gap="xs" wrap="nowrap" justify="flex-end">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconCircleCheck size={14} />}
              onClick={onActivate}
              aria-label={`Activate ${kid}`}
            >
              Activate
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={onRetire}
              aria-label={`Retire ${kid}`}
            >
              Retire
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The app's Ed25519 signing keys: the JWK Set to pin, each key with its status, and the rotation
 * (add a next key, activate it, retire the old one).
 */
export function AppSigningKeys({ app }: { app: AppResponse }) {
  const keys = useSigningKeys(app.id);
  const add = useAddSigningKey(app.id);
  const activate = useActivateSigningKey(app.id);
  const retire = useRetireSigningKey(app.id);
  const [activating, setActivating] = useState<SigningKeyResponse | null>(null);
  const [retiring, setRetiring] = useState<SigningKeyResponse | null>(null);
  const active = keys.data?.find((key) => key.status === 'active');
  const full = (keys.data?.length ?? 0) >= MAX_SIGNING_KEYS;

  const closeActivate = () => {
    activate.reset();
    setActivating(null);
  };
  const closeRetire = () => {
    retire.reset();
    setRetiring(null);
  };

  const addKey = () =>
    add.mutate(undefined, {
      onSuccess: (key) => notifySuccess(`${key.kid} is published in the JWK Set; it signs once you activate it.`, 'Next key added'),
      onError: (error) => notifyError(error, 'Could not add a key'),
    });

  let content: React.ReactNode;
  if (keys.isPending) {
    content = (
      <Stack gap="xs" aria-busy aria-label="Loading the signing keys">
        <Skeleton h={90} />
        <Skeleton h={14} w="60%" />
        <Skeleton h={14} w="40%" />
      </Stack>
    );
  } else if (keys.isError) {
    content = (
      <QueryErrorAlert
        title="Could not load the signing keys"
        error={keys.error}
        onRetry={() => void keys.refetch()}
        retrying={keys.isFetching}
      />
    );
  } else {
    const text = jwksText(keys.data);
    content = (
      <>
        <Textarea
          label="JWK Set"
          description="Pin this in your software; GET /v1/client/jwks (with the API key) answers the same."
          value={text}
          readOnly
          autosize
          minRows={3}
          maxRows={8}
          classNames={{ input: 'kh-mono' }}
          styles={{ input: { fontSize: 'var(--mantine-font-size-xs)' } }}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Group justify="space-between" gap="sm" wrap="wrap">
          <CopyAllButton value={text} label="Copy JWK Set" />
          <Button leftSection={<IconPlus size={16} />} onClick={addKey} loading={add.isPending} disabled={full}>
            Add next key
          </Button>
        </Group>
        {full && (
          <Text size="sm" c="dimmed">
            An app publishes at most {MAX_SIGNING_KEYS} keys: retire one to add another.
          </Text>
        )}
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <DataTableFrame label="Signing keys" minWidth={640} columns={['Key', 'Status', 'Public key']} actions>
            <Table.Tbody>
              {keys.data.map((key) => (
                <KeyRow key={key.kid} signingKey={key} onActivate={() => setActivating(key)} onRetire={() => setRetiring(key)} />
              ))}
            </Table.Tbody>
          </DataTableFrame>
        </Paper>
      </>
    );
  }

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="settings-signing">
      <Stack gap="md">
        <div>
          <Title order={4} id="settings-signing">
            Signing keys
          </Title>
          <Text size="sm" c="dimmed">
            Every answer of the client API and the Axora endpoint is signed with the active key (RFC 9421), and offline licenses too.
            Software that pins the JWK Set can tell a forged answer from a real one.
          </Text>
        </div>
        {content}
        <div>
          <Text size="sm" fw={600}>
            Rotating without a failed check
          </Text>
          <List type="ordered" size="sm" spacing={2} c="dimmed">
            <List.Item>Add a next key: it is published in the JWK Set at once, but signs nothing yet.</List.Item>
            <List.Item>Ship a build of your software that pins the new JWK Set, with both keys.</List.Item>
            <List.Item>Activate the next key: it signs from now on; the old one becomes previous and stays published.</List.Item>
            <List.Item>Retire the old key once no build your users run pins it alone.</List.Item>
          </List>
        </div>
      </Stack>

      <ConfirmModal
        opened={Boolean(activating)}
        onClose={closeActivate}
        title="Activate this key?"
        confirmLabel="Activate key"
        color="blue"
        loading={activate.isPending}
        error={activate.error}
        onConfirm={() =>
          activating &&
          activate.mutate(activating.kid, {
            onSuccess: (key) => {
              closeActivate();
              notifySuccess(`${key.kid} signs every answer from now on.`, 'Key activated');
            },
          })
        }
      >
        <Stack gap="xs">
          <span>
            <Code>{activating?.kid}</Code> signs every answer and offline license from now on (every server within 10 seconds).
          </span>
          {active && (
            <span>
              <Code>{active.kid}</Code>, active now, becomes previous: still published, so what it signed still verifies.
            </span>
          )}
          <span>Software that does not pin the new key will refuse its signatures: ship a build that pins both first.</span>
        </Stack>
      </ConfirmModal>

      <ConfirmModal
        opened={Boolean(retiring)}
        onClose={closeRetire}
        title="Retire this key?"
        confirmLabel="Retire key"
        loading={retire.isPending}
        error={retire.error}
        onConfirm={() =>
          retiring &&
          retire.mutate(retiring.kid, {
            onSuccess: () => {
              notifySuccess(`${retiring.kid} is no longer published.`, 'Key retired');
              closeRetire();
            },
          })
        }
      >
        <Code>{retiring?.kid}</Code> leaves the JWK Set for good: offline licenses it signed no longer verify against the published set, and
        software that pins only this key cannot check any answer. This cannot be undone.
      </ConfirmModal>
    </Paper>
  );
}
