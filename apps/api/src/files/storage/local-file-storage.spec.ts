import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalFileStorage } from './local-file-storage';

const read = async (s: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

describe('LocalFileStorage', () => {
  let dir: string;
  let storage: LocalFileStorage;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyhold-storage-'));
    storage = new LocalFileStorage(dir, 7);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores, reads whole and by range, lists and deletes', async () => {
    await storage.put('ab12-x', Readable.from([Buffer.from('hello '), Buffer.from('world')]));
    expect((await read(storage.get('ab12-x'))).toString()).toBe('hello world');
    expect((await read(storage.get('ab12-x', { start: 6, end: 10 }))).toString()).toBe('world');
    const listed = [];
    for await (const o of storage.list()) listed.push(o.key);
    expect(listed).toEqual(['ab12-x']);
    await storage.delete('ab12-x');
    await storage.delete('ab12-x'); // a missing object is not an error
    await expect(read(storage.get('ab12-x'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a failed write leaves neither the object nor its unfinished copy', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('upload broke'));
      },
    });
    await expect(storage.put('cd34-y', failing)).rejects.toThrow('upload broke');
    expect(readdirSync(join(dir, '.incomplete'))).toEqual([]);
    expect(readdirSync(join(dir, 'cd'))).toEqual([]);
  });

  it('refuses keys that could leave the directory', async () => {
    for (const key of ['../etc', 'ab/../../x', '', 'AB12']) {
      await expect(storage.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow('Invalid storage key');
    }
  });

  it('purges unfinished writes older than the given age only', async () => {
    mkdirSync(join(dir, '.incomplete'));
    writeFileSync(join(dir, '.incomplete', 'old'), 'x');
    writeFileSync(join(dir, '.incomplete', 'new'), 'x');
    const past = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(dir, '.incomplete', 'old'), past, past);
    expect(await storage.purgeIncomplete(3600_000)).toBe(1);
    expect(readdirSync(join(dir, '.incomplete'))).toEqual(['new']);
  });
});
