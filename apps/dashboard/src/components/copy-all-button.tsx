import { Button, CopyButton } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

interface CopyAllButtonProps {
  value: string;
  /** the button's text until it is clicked */
  label?: string;
}

/** "Copy all" for a list shown once (generated keys, recovery codes) or a whole document (a JWK Set): says "Copied" for two seconds. */
export function CopyAllButton({ value, label = 'Copy all' }: CopyAllButtonProps) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          variant="light"
          color={copied ? 'teal' : undefined}
          leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          onClick={copy}
        >
          {copied ? 'Copied' : label}
        </Button>
      )}
    </CopyButton>
  );
}
