import type { ExportEventsQuery } from '@keyhold/contracts';
import { useMutation } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { eventKeys } from './event-keys';

/** The CSV of the app's events that the list's filters keep (name, search), all pages. A read, run on a click. */
export function useExportEvents(appId: string) {
  return useMutation({
    mutationKey: [...eventKeys.all, 'export', appId],
    mutationFn: (filter: Omit<ExportEventsQuery, 'appId'>) => sdk.events.exportCsv({ appId, ...filter }),
  });
}
