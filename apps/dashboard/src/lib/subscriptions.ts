import { MAX_FILE_SUBSCRIPTIONS, SUBSCRIPTION_PATTERN } from '@keyhold/contracts';

/** The API's subscription names (`premium`, `tier_2`...): 1-64 letters, digits, `.`, `_` or `-`. */
export { SUBSCRIPTION_PATTERN };

/** Why a list of subscriptions cannot be sent, or undefined. */
export function validateSubscriptionList(values: string[], max = MAX_FILE_SUBSCRIPTIONS): string | undefined {
  const bad = values.find((v) => !SUBSCRIPTION_PATTERN.test(v));
  if (bad !== undefined) return `"${bad}" is not valid: use 1-64 letters, digits, . _ or -`;
  if (values.length > max) return `Use at most ${max} subscriptions`;
  return undefined;
}
