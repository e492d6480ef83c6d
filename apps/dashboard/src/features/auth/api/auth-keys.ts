/** Query keys of the auth feature; everything it caches lives under `['auth']`. */
export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
  signupStatus: () => [...authKeys.all, 'signup-status'] as const,
};
