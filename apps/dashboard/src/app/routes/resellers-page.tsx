import { ResellersPage } from '@/features/resellers/components/resellers-page';
import { useAppChoices } from './app-choices';

/** /resellers: the resellers feature's list, with the seller's apps from the apps feature. */
export function ResellersRoute() {
  return <ResellersPage apps={useAppChoices()} />;
}
