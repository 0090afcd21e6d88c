import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/runs/lock.js';
import { formatManifest, isUnchanged, loadManifest, saveManifest } from '../../src/runs/manifest.js';
import { RunRecorder } from '../../src/runs/report.js';
import { tempDir } from '../helpers/temp.js';

describe('manifest', () => {
  const dir = tempDir();

  it('a missing manifest is an empty one; save and load round-trip in byte order', async () => {
    const path = join(dir, 'm.json');
    const first = await loadManifest(path, 'hash');
    expect(first.entries.size).toBe(0);
    first.entries.set('b', { size: 1, mtimeNs: '1700000000123456789', ino: 5, digests: { sha256: 'ab' } });
    first.entries.set('a', { size: 2, mtimeNs: '1', ino: 6, outputs: ['a.gz'] });
    await saveManifest(path, first);
    const again = await loadManifest(path, 'hash');
    expect([...again.entries.keys()]).toEqual(['a', 'b']);
    expect(readFileSync(path, 'utf8')).toBe(formatManifest(again));
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(isUnchanged(again.entries.get('b'), { size: 1, mtimeNs: '1700000000123456789', ino: 5 })).toBe(true);
    expect(isUnchanged(again.entries.get('b'), { size: 1, mtimeNs: '1700000000123456790', ino: 5 })).toBe(false);
  });

  it('a corrupt, foreign or other-command manifest is an error naming the file', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"kind": "pario-manifest", "vers');
    await expect(loadManifest(bad, 'hash')).rejects.toMatchObject({ code: 'ERR_PARIO_MANIFEST', message: expect.stringContaining(bad) });
    writeFileSync(bad, '{"some": "other tool"}');
    await expect(loadManifest(bad, 'hash')).rejects.toThrow(/not a pario manifest/);
    writeFileSync(bad, JSON.stringify({ kind: 'pario-manifest', version: 1, command: 'compress', entries: {} }));
    await expect(loadManifest(bad, 'hash')).rejects.toThrow(/belongs to `pario compress`/);
  });

  it('the recorder writes a JSON report and appends NDJSON to the log', async () => {
    const report = join(dir, 'report.json');
    const log = join(dir, 'log.ndjson');
    for (let run = 0; run < 2; run += 1) {
      const recorder = new RunRecorder('hash', report, log);
      recorder.file({ path: 'a', status: 'ok' });
      recorder.file({ path: 'b', status: 'failed', code: 'ENOENT', message: 'no such file or directory' });
      await recorder.finish('failed', { bytesIn: 3 });
    }
    const summary = JSON.parse(readFileSync(report, 'utf8')) as Record<string, unknown>;
    expect(summary).toMatchObject({ command: 'hash', status: 'failed', counts: { ok: 1, failed: 1 }, bytesIn: 3, errors: [{ path: 'b', code: 'ENOENT' }] });
    expect(typeof summary['pario']).toBe('string');
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string });
    expect(lines.map((l) => l.event)).toEqual(['file', 'file', 'summary', 'file', 'file', 'summary']);
  });
});

describe('lock', () => {
  const dir = tempDir();

  it('a second holder gets LockedError (ERR_PARIO_LOCKED) naming the holder, also after a wait; then the lock', async () => {
    const path = join(dir, 'run.lock');
    const release = await acquireLock(path, 0);
    const holder = expect.stringContaining(`(PID ${process.pid} on `);
    await expect(acquireLock(path, 0)).rejects.toMatchObject({ code: 'ERR_PARIO_LOCKED', message: holder });
    await expect(acquireLock(path, 300)).rejects.toMatchObject({ code: 'ERR_PARIO_LOCKED', message: expect.stringMatching(/waited/) });
    await release();
    expect(readFileSync(path, 'utf8')).toBe(''); // the file stays, empty: it is never removed
    const again = await acquireLock(path, 0);
    await again();
  });

  it('a wait ends with an AbortError when the run is interrupted', async () => {
    const path = join(dir, 'abort.lock');
    const release = await acquireLock(path, 0);
    const controller = new AbortController();
    const waiting = acquireLock(path, 600_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await release();
  });

  it('the lock of a SIGKILLed run is free as soon as it is gone (the kernel drops it)', async () => {
    const path = join(dir, 'killed.lock');
    const lockModule = new URL('../../src/runs/lock.js', import.meta.url).href;
    const child = spawn(process.execPath, ['--input-type=module', '-e', `import { acquireLock } from '${lockModule}'; await acquireLock(${JSON.stringify(path)}, 0); console.log('locked'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await expect(acquireLock(path, 0)).rejects.toMatchObject({ code: 'ERR_PARIO_LOCKED' });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const release = await acquireLock(path, 0);
    await release();
  }, 30_000);

  it('refuses, with a reason and never writing into it, a lock name that is a folder, a symlink or a FIFO', async () => {
    mkdirSync(join(dir, 'folder.lock'));
    symlinkSync(join(dir, 'victim'), join(dir, 'link.lock'));
    writeFileSync(join(dir, 'victim'), 'precious');
    spawnSync('mkfifo', [join(dir, 'fifo.lock')]);
    const refused = (why: string): object => ({ code: 'ERR_PARIO_LOCK', message: expect.stringContaining(why) as string });
    await expect(acquireLock(join(dir, 'folder.lock'), 0)).rejects.toMatchObject(refused('folder'));
    await expect(acquireLock(join(dir, 'link.lock'), 0)).rejects.toMatchObject(refused('symbolic link'));
    await expect(acquireLock(join(dir, 'fifo.lock'), 0)).rejects.toMatchObject(refused('not a regular file'));
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('precious');
  });
});
