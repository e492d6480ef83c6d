import type { GenerateLicensesRequest, LicenseBulkRequest, ListLicensesQuery, UpdateLicenseRequest } from '@keyhold/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { licenseKeys } from './license-keys';

/**
 * After any change to an app's keys: its key lists. Its counts (apps feature) are refreshed by the
 * query client, for the mutations that declare `meta: { refreshesAppSummary: appId }`.
 */
function useRefresh(appId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: licenseKeys.appLists(appId) });
}

/** Generates keys; the answer (the new keys) is shown once by the modal, not cached. */
export function useGenerateLicenses(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...licenseKeys.all, 'generate', appId],
    meta: { refreshesAppSummary: appId },
    mutationFn: (body: Omit<GenerateLicensesRequest, 'appId'>) => sdk.licenses.generate({ ...body, appId }),
    onSuccess: () => void refresh(),
  });
}

/** Ban, unban, set the expiry, reset the hardware id: one PATCH. */
export function useUpdateLicense(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...licenseKeys.all, 'update', appId],
    meta: { refreshesAppSummary: appId },
    mutationFn: ({ id, body }: { id: string; body: UpdateLicenseRequest }) => sdk.licenses.update(id, body),
    onSuccess: () => void refresh(),
  });
}

export function useDeleteLicense(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...licenseKeys.all, 'delete', appId],
    meta: { refreshesAppSummary: appId },
    mutationFn: (id: string) => sdk.licenses.remove(id),
    onSuccess: () => void refresh(),
  });
}

/** One action on many keys; a dry run only counts, and changes nothing to refresh. */
export function useBulkLicenses(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...licenseKeys.all, 'bulk', appId],
    meta: { refreshesAppSummary: appId },
    mutationFn: (body: Omit<LicenseBulkRequest, 'appId'>) => sdk.licenses.bulk({ ...body, appId }),
    onSuccess: () => void refresh(),
  });
}

/** The count a bulk action would change, for its confirmation (a dry run: nothing is changed or refreshed). */
export function useBulkLicenseCount(appId: string) {
  return useMutation({
    mutationKey: [...licenseKeys.all, 'bulk-count', appId],
    mutationFn: (body: Omit<LicenseBulkRequest, 'appId' | 'dryRun'>) => sdk.licenses.bulk({ ...body, appId, dryRun: true }),
  });
}

/** The CSV of the app's keys that the list's filters keep (status, search, maker), all pages. A read, run on a click. */
export function useExportLicenses(appId: string) {
  return useMutation({
    mutationKey: [...licenseKeys.all, 'export', appId],
    mutationFn: (filter: Pick<ListLicensesQuery, 'status' | 'q' | 'resellerId'>) => sdk.licenses.exportCsv({ appId, ...filter }),
  });
}
