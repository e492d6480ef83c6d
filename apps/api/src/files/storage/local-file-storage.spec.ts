import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { INCOMPLETE_STALE_MS } from './file-storage';
import { LocalFileStorage, processTag } from './local-file-storage';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

  const unfinished = () => readdirSync(join(dir, '.incomplete'));
  /** A write whose body the test feeds: `body.write()` more, `body.end()` it, or `body.destroy(e)`. */
  async function writeInFlight(store = storage, key = 'ef56-z') {
    const body = new PassThrough();
    const done = store.put(key, body);
    done.catch(() => undefined);
    body.write(Buffer.from('first bytes '));
    for (let i = 0; i < 200 && readdirIfAny().length === 0; i++) await sleep(5);
    expect(unfinished()).toHaveLength(1);
    return { body, done, temp: join(dir, '.incomplete', unfinished()[0]) };
  }
  const readdirIfAny = () => {
    try {
      return unfinished();
    } catch {
      return [];
    }
  };

  it('purges leftovers: at once when their writer here is gone, otherwise once untouched for the given age', async () => {
    const tag = processTag();
    expect(tag).toMatch(/^[0-9a-f]{32}\.\d+\.\d+$/);
    const [boot, ns] = tag!.split('.');
    const deadPid = spawnSync('true').pid; // ran and exited
    const names = {
      deadHere: `${processTag(deadPid)}.${randomUUID()}`, // a process on this host, since gone (the crash before a restart)
      liveHere: `${processTag(process.ppid)}.${randomUUID()}`, // a process on this host still running
      elsewhere: `${'f'.repeat(32)}.${ns}.${deadPid}.${randomUUID()}`, // another host: its liveness is unknown here
      otherNamespace: `${boot}.1.${deadPid}.${randomUUID()}`, // another container on this host: likewise
      anonymous: `anon.${randomUUID()}`, // a writer that could not name itself
      legacy: randomUUID(), // an older version's, which did not touch its writes
    };
    mkdirSync(join(dir, '.incomplete'));
    for (const name of Object.values(names)) writeFileSync(join(dir, '.incomplete', name), 'x');
    const age = (name: string, ms: number) =>
      utimesSync(join(dir, '.incomplete', name), new Date(Date.now() - ms), new Date(Date.now() - ms));

    expect(await storage.purgeIncomplete(INCOMPLETE_STALE_MS)).toBe(1);
    expect(unfinished().sort()).toEqual(
      Object.values(names)
        .filter((n) => n !== names.deadHere)
        .sort(),
    );

    for (const name of [names.liveHere, names.elsewhere, names.otherNamespace, names.anonymous, names.legacy])
      age(name, INCOMPLETE_STALE_MS + 1000);
    expect(await storage.purgeIncomplete(INCOMPLETE_STALE_MS)).toBe(4);
    expect(unfinished()).toEqual([names.legacy]); // it may have a live writer that never touches it: an hour

    age(names.legacy, 3600_000 + 1000);
    expect(await storage.purgeIncomplete(INCOMPLETE_STALE_MS)).toBe(1);
    expect(unfinished()).toEqual([]);
  });

  it('with age 0 (no other process can write here) purges every leftover, whoever wrote it', async () => {
    mkdirSync(join(dir, '.incomplete'));
    for (const name of [`${processTag(process.ppid)}.${randomUUID()}`, `anon.${randomUUID()}`, 'legacy'])
      writeFileSync(join(dir, '.incomplete', name), 'x');
    expect(await storage.purgeIncomplete(0)).toBe(3);
    expect(unfinished()).toEqual([]);
  });

  it('never purges a write in flight in this process, whatever its age', async () => {
    const { body, done, temp } = await writeInFlight();
    const past = new Date(Date.now() - 24 * 3600_000);
    utimesSync(temp, past, past);
    expect(await storage.purgeIncomplete(0)).toBe(0);
    expect(await new LocalFileStorage(dir).purgeIncomplete(0)).toBe(0); // nor does another instance in this process
    expect(unfinished()).toHaveLength(1);
    body.end(Buffer.from('and the rest'));
    await done;
    expect(unfinished()).toEqual([]);
    const stored = [];
    for await (const c of storage.get('ef56-z')) stored.push(c as Buffer);
    expect(Buffer.concat(stored).toString()).toBe('first bytes and the rest');
  });

  it('keeps touching a stalled write (how other processes sharing the directory know it is alive); its failure removes it at once', async () => {
    const writer = new LocalFileStorage(dir, 7, 20);
    const { body, done, temp } = await writeInFlight(writer);
    expect(temp.split('/').pop()).toMatch(new RegExp(`^${processTag()!.replace(/\./g, '\\.')}\\.[0-9a-f-]{36}$`));
    const past = new Date(Date.now() - INCOMPLETE_STALE_MS - 60_000);
    utimesSync(temp, past, past);
    // No byte arrives, yet the writer marks it alive.
    for (let i = 0; i < 100 && statSync(temp).mtimeMs < Date.now() - 10_000; i++) await sleep(10);
    expect(statSync(temp).mtimeMs).toBeGreaterThan(Date.now() - 10_000);

    body.destroy(new Error('client went away'));
    await expect(done).rejects.toThrow('client went away');
    expect(unfinished()).toEqual([]); // gone by the time the failure is seen
    expect(readdirSync(join(dir, 'ef'))).toEqual([]);
  });

  it('a body that failed before the write began leaves nothing either', async () => {
    const body = new PassThrough();
    body.on('error', () => undefined); // as busboy's file streams have
    body.destroy(new Error('aborted before the file part'));
    await sleep(5);
    await expect(storage.put('ab34-w', body)).rejects.toThrow();
    expect(unfinished()).toEqual([]);
  });
});
