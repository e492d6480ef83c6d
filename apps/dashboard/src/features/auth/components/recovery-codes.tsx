import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { CopyAllButton } from '@/components/copy-all-button';
import { downloadText } from '@/lib/download';

interface RecoveryCodesProps {
  codes: string[];
  /** whose codes, for the file: the seller's email */
  account: string;
  onDone: () => void;
}

/** The text file of the codes: what they are, for whom, and one code a line. */
export function recoveryCodesText(codes: string[], account: string, origin = window.location.origin): string {
  return [
    `Keyhold recovery codes for ${account} (${origin})`,
    'Each code signs you in once, in place of the authenticator code. Keep them somewhere safe.',
    '',
    ...codes,
    '',
  ].join('\n');
}

/**
 * The recovery codes, shown this once after two-factor sign-in is turned on: copy them, download
 * them, and say they are saved before leaving (the API keeps only their hashes).
 */
export function RecoveryCodes({ codes, account, onDone }: RecoveryCodesProps) {
  const [saved, setSaved] = useState(false);
  const text = codes.join('\n');
  const download = () =>
    downloadText(
      `keyhold-recovery-codes-${new Date().toISOString().slice(0, 10)}.txt`,
      recoveryCodesText(codes, account),
      'text/plain;charset=utf-8',
    );

  return (
    <Stack gap="md">
      <Alert variant="light" color="orange" icon={<IconAlertTriangle />} title="Save your recovery codes now" role="alert">
        They are shown only once and cannot be shown again. If you lose your authenticator app, each code signs you in once in place of its
        code. Keep them somewhere safe, such as a password manager.
      </Alert>
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={2} spacing="xs" role="list" aria-label="Recovery codes">
          {codes.map((code) => (
            <Text key={code} role="listitem" className="kh-mono" size="sm" ta="center" data-testid="recovery-code">
              {code}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      <Group gap="sm">
        <CopyAllButton value={text} />
        <Button variant="light" leftSection={<IconDownload size={16} />} onClick={download}>
          Download .txt
        </Button>
      </Group>
      <Checkbox
        label="I have saved my recovery codes somewhere safe"
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <Group justify="flex-end">
        <Button onClick={onDone} disabled={!saved}>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
