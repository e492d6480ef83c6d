import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyhold-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a folder held by another running process, with a clear message', () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, 'keyhold.pid'), String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dir)).toThrow(`in use by another Keyhold process (pid ${other.pid})`);
    } finally {
      other.kill();
    }
  });

  it('takes over a stale lock, and releases its own', () => {
    writeFileSync(join(dir, 'keyhold.pid'), '999999');
    const release = lockDataDir(dir);
    expect(existsSync(join(dir, 'keyhold.pid'))).toBe(true);
    release();
    expect(existsSync(join(dir, 'keyhold.pid'))).toBe(false);
  });
});
