import { SELLER_ID_PATTERN } from './schemas';

/**
 * The portal's sign-in page for resellers of `sellerId` (`/reseller/sign-in?seller=sel_...`, the
 * portal link the seller hands out): the reseller signs in without typing the seller's id.
 */
export function resellerSignInPath(sellerId: string | null | undefined): string {
  return sellerId && SELLER_ID_PATTERN.test(sellerId) ? `/reseller/sign-in?seller=${encodeURIComponent(sellerId)}` : '/reseller/sign-in';
}
