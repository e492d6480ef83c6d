import { useApps } from '@/features/apps/api/get-apps';
import type { AppChoices } from '@/features/resellers/components/permissions-fields';

/** The apps feature's list of the seller's apps, in the shape the resellers screens take. */
export function useAppChoices(): AppChoices {
  const apps = useApps();
  return {
    options: (apps.data ?? []).map((app) => ({ value: app.id, label: app.name })),
    isPending: apps.isPending,
    isError: apps.isError,
  };
}
