import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/cron/lock.js';
import { formatManifest, isUnchanged, loadManifest, saveManifest } from '../../src/cron/manifest.js';
import { RunRecorder } from '../../src/cron/report.js';
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
    expect(isUnchanged(again.entries.get('b'), { size: 1, mtimeNs: 1700000000123456789n, ino: 5 })).toBe(true);
    expect(isUnchanged(again.entries.get('b'), { size: 1, mtimeNs: 1700000000123456790n, ino: 5 })).toBe(false);
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

  it('a second holder waits, then gets LockedError (code ERR_PARIO_LOCKED); after release it gets the lock', async () => {
    const path = join(dir, 'run.lock');
    const release = await acquireLock(path, 0);
    const started = Date.now();
    await expect(acquireLock(path, 600)).rejects.toMatchObject({ code: 'ERR_PARIO_LOCKED' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    await release();
    const again = await acquireLock(path, 0);
    await again();
  });

  it('the lock of a SIGKILLed run goes stale and is taken over', async () => {
    const path = join(dir, 'killed.lock');
    const lockModule = new URL('../../src/cron/lock.js', import.meta.url).href;
    const child = spawn(process.execPath, ['--input-type=module', '-e', `import { acquireLock } from '${lockModule}'; await acquireLock(${JSON.stringify(path)}, 0); console.log('locked'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await expect(acquireLock(path, 0)).rejects.toMatchObject({ code: 'ERR_PARIO_LOCKED' });
    const release = await acquireLock(path, 15_000);
    await release();
  }, 30_000);
});
