/** Where a seller who just signed in goes: back to the page that sent them away, or the apps. */
export function homeAfterSignIn(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/sign-') ? from : '/apps';
}

/** What the sign-in page says after "Sign out everywhere". */
export const SIGNED_OUT_EVERYWHERE_MESSAGE = 'You were signed out on every device and browser. Sign in again to continue.';
