/** The API's subscription names (`premium`, `tier_2`...): 1-64 letters, digits, `.`, `_` or `-`. */
export const SUBSCRIPTION_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Why a list of subscriptions cannot be sent, or undefined. */
export function validateSubscriptionList(values: string[], max = 50): string | undefined {
  const bad = values.find((v) => !SUBSCRIPTION_PATTERN.test(v));
  if (bad !== undefined) return `"${bad}" is not valid: use 1-64 letters, digits, . _ or -`;
  if (values.length > max) return `Use at most ${max} subscriptions`;
  return undefined;
}
