import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { CopyIconButton } from './copy-icon-button';

interface SecretRevealProps {
  label: string;
  secret: string;
  /** what it is for, under the field */
  description?: ReactNode;
  onDone: () => void;
}

/** A secret shown this once: a clear warning, a copy button, and a deliberate "done". */
export function SecretReveal({ label, secret, description, onDone }: SecretRevealProps) {
  return (
    <Stack gap="md">
      <Alert variant="light" color="orange" icon={<IconAlertTriangle />} title={`Copy the ${label.toLowerCase()} now`} role="alert">
        This is the only time it is shown. It will not be shown again; if you lose it, rotate it for a new one.
      </Alert>
      <TextInput
        label={label}
        description={description}
        value={secret}
        readOnly
        classNames={{ input: 'kh-mono' }}
        onFocus={(e) => e.currentTarget.select()}
        rightSection={<CopyIconButton value={secret} label={label.toLowerCase()} />}
      />
      <Group justify="flex-end">
        <Button onClick={onDone}>I have saved the secret</Button>
      </Group>
    </Stack>
  );
}
