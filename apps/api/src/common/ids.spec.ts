import { fromPublicId, toPublicId } from './ids';

describe('public ids', () => {
  const uuid = '3f9c2b1e-0d8a-4c7b-9e6f-5a4b3c2d1e0f';

  it('round-trips a uuid through its prefixed public id', () => {
    const id = toPublicId('app', uuid);
    expect(id).toBe('app_3f9c2b1e0d8a4c7b9e6f5a4b3c2d1e0f');
    expect(fromPublicId('app', id)).toBe(uuid);
  });

  it('refuses another kind, a malformed id and non-strings', () => {
    expect(fromPublicId('user', toPublicId('app', uuid))).toBeNull();
    expect(fromPublicId('app', 'app_123')).toBeNull();
    expect(fromPublicId('app', 'app_3F9C2B1E0D8A4C7B9E6F5A4B3C2D1E0F')).toBeNull();
    expect(fromPublicId('app', 'app_3f9c2b1e0d8a4c7b9e6f5a4b3c2d1e0f; drop table')).toBeNull();
    expect(fromPublicId('app', undefined)).toBeNull();
  });
});
