import { LicensesPage } from '@/features/licenses/components/licenses-page';
import { useResellers } from '@/features/resellers/api/resellers';
import { useCurrentApp } from '@/hooks/use-current-app';

/** The most resellers the "Made by" filter lists (the API's largest page). */
const RESELLER_CHOICES = 500;

/**
 * /apps/:appId/licenses: the licenses feature's page, its "Made by" filter offering the resellers
 * who sell the app (from the resellers feature).
 */
export function LicensesRoute() {
  const { id: appId } = useCurrentApp();
  const resellers = useResellers({ appId, limit: RESELLER_CHOICES });
  return <LicensesPage resellers={(resellers.data?.data ?? []).map((r) => ({ value: r.id, label: r.username }))} />;
}
