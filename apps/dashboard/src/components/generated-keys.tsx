import { Button, Group, Textarea } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { csvFilename, downloadText, toCsv } from '@/lib/download';
import { CopyAllButton } from './copy-all-button';

interface GeneratedKeysProps {
  keys: string[];
  /** CSV columns after `key`, the same for every key: `{subscription: 'premium', ...}` */
  columns: Record<string, string | number>;
  /** For the file name: `acme-keys-2026-11-25.csv` */
  filenameParts: string[];
  /** Buttons on the right: "Generate more", "Done" */
  actions?: ReactNode;
}

/** New keys, shown once after generating: copy them all or download them as CSV. */
export function GeneratedKeys({ keys, columns, filenameParts, actions }: GeneratedKeysProps) {
  const download = () => {
    const names = Object.keys(columns);
    const rows = keys.map((key) => [key, ...names.map((n) => columns[n])]);
    downloadText(csvFilename(...filenameParts), toCsv(['key', ...names], rows));
  };
  return (
    <>
      <Textarea
        label="New keys"
        value={keys.join('\n')}
        readOnly
        autosize
        minRows={3}
        maxRows={10}
        classNames={{ input: 'kh-mono' }}
        onFocus={(e) => e.currentTarget.select()}
        data-testid="generated-keys"
      />
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm">
          <CopyAllButton value={keys.join('\n')} />
          <Button variant="light" leftSection={<IconDownload size={16} />} onClick={download}>
            Download CSV
          </Button>
        </Group>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </>
  );
}
