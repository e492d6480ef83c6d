/** Where a seller who just signed in goes: back to the page that sent them away, or the apps. */
export function homeAfterSignIn(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/sign-') ? from : '/apps';
}
