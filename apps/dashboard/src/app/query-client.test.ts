import { KeyholdError } from '@keyhold/sdk';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient } from './query-client';

describe('createQueryClient', () => {
  async function failWith(error: KeyholdError) {
    const onSessionExpired = vi.fn();
    const client = createQueryClient({ onSessionExpired });
    await client.fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(error) }).catch(() => undefined);
    await client
      .getMutationCache()
      .build(client, { mutationFn: () => Promise.reject(error) })
      .execute(undefined)
      .catch(() => undefined);
    return onSessionExpired;
  }

  it('signs the seller out when a query or mutation answers 401 UNAUTHORIZED', async () => {
    const onSessionExpired = await failWith(new KeyholdError(401, 'UNAUTHORIZED', 'Authentication required'));
    expect(onSessionExpired).toHaveBeenCalledTimes(2);
  });

  it('leaves other 401s alone (wrong password at sign-in)', async () => {
    const onSessionExpired = await failWith(new KeyholdError(401, 'INVALID_CREDENTIALS', 'Username or password is incorrect'));
    expect(onSessionExpired).not.toHaveBeenCalled();
  });
});
