import { randomUUID } from 'node:crypto';
import { createTestModule, insertSellerAndApp, TestModule } from '../../test/utils/test-module';
import { FilesRepository, NewFile } from './files.repository';

/** The files table's queries on PGlite: ownership through the app, the content columns, the janitor's lookup. */
describe('FilesRepository', () => {
  let t: TestModule;
  let files: FilesRepository;
  let owner: { sellerId: string; appId: string };
  let other: { sellerId: string; appId: string };
  beforeAll(async () => {
    t = await createTestModule();
    files = t.get(FilesRepository);
    owner = await insertSellerAndApp(t.dataSource);
    other = await insertSellerAndApp(t.dataSource);
  });
  afterAll(() => t.close());

  const newFile = (appId: string, name: string): NewFile => {
    const id = randomUUID();
    return {
      id,
      appId,
      name,
      contentType: 'application/octet-stream',
      subscriptions: [],
      storageKey: `${id.replace(/-/g, '')}-000000000000`,
      wrappedKey: 'v1.a.b.c',
      noncePrefix: '00'.repeat(8),
      chunkSize: 65536,
      size: 10,
      sha256: '0'.repeat(64),
    };
  };

  it('finds a file only for the seller owning its app, with its content columns only when asked', async () => {
    const file = newFile(owner.appId, 'a.bin');
    await files.insert(file);
    const plain = await files.findOwned(file.id, owner.sellerId);
    expect(plain).toMatchObject({ id: file.id, name: 'a.bin', size: 10 });
    expect(plain?.storageKey).toBeUndefined();
    expect(await files.findOwnedWithContent(file.id, owner.sellerId)).toMatchObject({
      storageKey: file.storageKey,
      wrappedKey: file.wrappedKey,
      chunkSize: 65536,
    });
    expect(await files.findOwned(file.id, other.sellerId)).toBeNull();
    expect(await files.findOwnedWithContent(file.id, other.sellerId)).toBeNull();
    expect(await files.findInAppWithContent(file.id, owner.appId)).toMatchObject({ storageKey: file.storageKey });
    expect(await files.findInAppWithContent(file.id, other.appId)).toBeNull();
    expect((await files.getById(file.id)).storageKey).toBeUndefined();
  });

  it('swaps the content under the row lock, renames, deletes', async () => {
    const file = newFile(owner.appId, 'b.bin');
    await files.insert(file);
    const replacedKey = await t.dataSource.transaction(async (m) => {
      const current = await files.lockOwnedWithContent(file.id, owner.sellerId, m);
      expect(await files.lockOwnedWithContent(file.id, other.sellerId, m)).toBeNull();
      const { storageKey, wrappedKey, noncePrefix, chunkSize, sha256 } = newFile(owner.appId, 'unused');
      const content = { storageKey, wrappedKey, noncePrefix, chunkSize, sha256, size: 3, contentType: 'text/plain', updatedAt: new Date() };
      await files.replaceContent(file.id, content, m);
      return current?.storageKey;
    });
    expect(replacedKey).toBe(file.storageKey);
    const after = await files.findOwnedWithContent(file.id, owner.sellerId);
    expect(after).toMatchObject({ contentType: 'text/plain', size: 3 });
    expect(after?.storageKey).not.toBe(file.storageKey);

    await files.update(file.id, { name: 'c.bin', subscriptions: ['premium'] });
    expect(await files.findOwned(file.id, owner.sellerId)).toMatchObject({ name: 'c.bin', subscriptions: ['premium'] });
    await files.deleteById(file.id);
    expect(await files.findOwned(file.id, owner.sellerId)).toBeNull();
  });

  it('pages an app’s files, newest first, `q` matching the name literally', async () => {
    const { appId } = await insertSellerAndApp(t.dataSource);
    for (const name of ['100% done.bin', '100 done.bin', 'other.bin']) await files.insert(newFile(appId, name));
    const all = await files.pageForApp(appId, undefined, { page: 1, limit: 2 });
    expect(all.meta).toEqual({ total: 3, page: 1, limit: 2, totalCapped: false, nextCursor: expect.any(String) });
    expect(all.rows).toHaveLength(2);
    expect((await files.pageForApp(appId, '0% d', { page: 1, limit: 10 })).rows.map((f) => f.name)).toEqual(['100% done.bin']);
  });

  it('tells the janitor which storage keys a row points to', async () => {
    const file = newFile(owner.appId, 'd.bin');
    await files.insert(file);
    expect(await files.knownStorageKeys([file.storageKey, 'ffnothing'])).toEqual(new Set([file.storageKey]));
    expect(await files.knownStorageKeys([])).toEqual(new Set());
  });
});
