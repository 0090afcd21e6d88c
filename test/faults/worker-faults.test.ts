// Worker faults: a worker thread that dies fails only the files it held, the pool replaces it and the run completes;
// --fail-fast stops compress / decompress / test at the first failure cleanly.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mapFiles } from '../../src/index.js';
import type { MapperModule } from '../../src/index.js';
import { withPool } from '../../src/compress/api.js';
import { normalizeCompressOptions } from '../../src/compress/options.js';
import { codecModules } from '../../src/compress/task.js';
import { createPool } from '../../src/pool/pool.js';
import type { ParioPool, RunOptions } from '../../src/pool/pool.js';
import type { JobKind } from '../../workers/protocol.js';
import { TEMP_NAME } from '../../workers/compress-protocol.js';
import type exitMapper from '../helpers/exit-mapper.js';
import { dyingPool } from '../helpers/dying-pool.js';
import { BIN } from '../helpers/paths.js';
import { textBytes } from '../helpers/payloads.js';
import { collect, tempDir } from '../helpers/temp.js';

const EXIT_MAPPER = new URL('../helpers/exit-mapper.js', import.meta.url) as MapperModule<typeof exitMapper>;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

function pario(args: readonly string[], cwd: string): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

describe('a worker that dies', () => {
  it('mapFiles: fails only the batches it held (ERR_WORKER_DIED), the pool replaces it, every other file is mapped', async () => {
    const root = tempDir('pario-die-map-');
    const names: string[] = [];
    for (let i = 0; i < 240; i += 1) names.push(i === 37 || i === 181 ? `exit-${i}.txt` : `f-${i}.txt`);
    for (const name of names) writeFileSync(join(root, name), name.repeat(3));
    // One thread: without a replacement after the first death the second batch with an exit-* file would never run.
    const results = await collect(mapFiles(['*.txt'], EXIT_MAPPER, { cwd: root, jobs: 1, batchSize: 8 }));
    expect(results.map((r) => r.path).sort()).toEqual([...names].sort()); // each file exactly once
    const failed = results.filter((r) => !r.ok);
    for (const r of failed) expect(r).toMatchObject({ error: { code: 'ERR_WORKER_DIED' } });
    expect(failed.map((r) => r.path)).toEqual(expect.arrayContaining(['exit-37.txt', 'exit-181.txt']));
    expect(failed.length).toBeLessThanOrEqual(16); // two batches of 8 at most
    for (const r of results) if (r.ok) expect(r.value).toBe(r.path.length * 3);
  });

  it('mapFiles on 2 workers: the run completes and only the dead worker\'s files fail', async () => {
    const root = tempDir('pario-die-map2-');
    for (let i = 0; i < 500; i += 1) writeFileSync(join(root, i % 125 === 60 ? `exit-${i}.bin` : `f-${i}.bin`), Buffer.alloc(i));
    const results = await collect(mapFiles(['*.bin'], EXIT_MAPPER, { cwd: root, jobs: 2, batchSize: 16 }));
    expect(results).toHaveLength(500);
    const failed = results.filter((r) => !r.ok);
    expect(failed.filter((r) => r.path.startsWith('exit-'))).toHaveLength(4);
    expect(failed.length).toBeLessThanOrEqual(4 * 16);
    expect(results.filter((r) => r.ok)).toHaveLength(500 - failed.length);
  });

  it('compress: a worker dying mid-write fails only its batch; the rest is written, and no temp file is left', async () => {
    const root = tempDir('pario-die-compress-');
    const names: string[] = [];
    for (let d = 0; d < 4; d += 1) {
      mkdirSync(join(root, `d${d}`));
      for (let i = 0; i < 100; i += 1) names.push(`d${d}/${d === 1 && i === 50 ? 'die-' : ''}${i}.txt`);
    }
    for (const [i, name] of names.entries()) writeFileSync(join(root, name), textBytes(i, 2000 + i));
    const pool = dyingPool(1);
    try {
      const results = (await collect(withPool('compress', ['.'], normalizeCompressOptions({ cwd: root, jobs: 1 }), pool))).flat();
      expect(results.map((r) => r.path).sort()).toEqual([...names].sort());
      const failed = results.filter((r) => r.status === 'failed');
      expect(failed.map((r) => r.path)).toContain('d1/die-50.txt');
      for (const r of failed) expect(r).toMatchObject({ code: 'ERR_WORKER_DIED', message: expect.stringMatching(/^the worker handling it stopped/) });
      expect(failed.length).toBeLessThanOrEqual(64); // one batch
      expect(results.filter((r) => r.status === 'ok').length).toBe(names.length - failed.length);
    } finally {
      await pool.destroy();
    }
    const files = walk(root);
    expect(files.filter((f) => TEMP_NAME.test(f.split('/').pop() ?? ''))).toEqual([]);
    // whatever output exists is complete: it inflates to its input (outputs written before the death included)
    for (const f of files.filter((p) => p.endsWith('.gz'))) {
      expect(zlib.gunzipSync(readFileSync(join(root, f))).equals(readFileSync(join(root, f.slice(0, -3))))).toBe(true);
    }
    expect(files.filter((f) => f.endsWith('.gz')).length).toBeGreaterThanOrEqual(names.length - 64);
  });
});

describe('a worker out of descriptors', () => {
  it('ends the run with EMFILE; the files its task finished before are still told, each once', async () => {
    const root = tempDir('pario-emfile-');
    for (let i = 0; i < 6; i += 1) writeFileSync(join(root, `f${i}.txt`), textBytes(i, 100 + i));
    const real = createPool(1, codecModules('compress'));
    // The real pool, whose reply says the last file of each task ran out of descriptors (as a worker does under ulimit -n).
    const pool: ParioPool = {
      ...real,
      run: (async (kind: JobKind, task: never, options?: RunOptions) => {
        const results = (await real.run(kind, task, options)) as unknown as Record<string, unknown>[];
        const emfile = { ok: false, outputs: [], code: 'EMFILE', message: 'EMFILE: too many open files' };
        return results.map((r, i) => (i < results.length - 1 ? r : { ...r, ...emfile }));
      }) as ParioPool['run'],
    };
    const told: string[] = [];
    try {
      const run = withPool('compress', ['.'], normalizeCompressOptions({ cwd: root, jobs: 1 }), pool);
      await expect((async () => {
        for await (const results of run) for (const r of results) told.push(`${r.path}:${r.status}`);
      })()).rejects.toThrow(/^EMFILE: too many open files$/);
    } finally {
      await real.destroy();
    }
    expect(told).toEqual(['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'f4.txt'].map((f) => `${f}:ok`));
  });
});

describe('--fail-fast', () => {
  const root = tempDir('pario-failfast-');
  const good = join(root, 'good');
  const payloads = new Map<string, Buffer>();
  mkdirSync(good);
  for (let i = 0; i < 3000; i += 1) {
    const data = textBytes(i, 500 + (i % 700));
    payloads.set(`f${i}.txt`, data);
    writeFileSync(join(good, `f${i}.txt.gz`), zlib.gzipSync(data));
  }
  writeFileSync(join(root, 'bad.txt.gz'), zlib.gzipSync('bad').subarray(0, 12));

  it('pario test stops at the first bad file: exit 1, the file named, most files never tested', () => {
    const run = pario(['test', '--fail-fast', '--json', '-j', '2', 'bad.txt.gz', 'good'], root);
    expect(run.status).toBe(1);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; path?: string; status?: string; files?: number });
    expect(events.find((e) => e.path === 'bad.txt.gz')).toMatchObject({ status: 'failed' });
    const summary = events.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', failed: 1 });
    expect(summary.files).toBeLessThan(3001);
    expect(pario(['test', '-j', '2', 'bad.txt.gz', 'good'], root).stdout).toMatch(/tested 3000 of 3001 files \(1 failed\)/); // without it: all
  });

  it('pario decompress stops at the first failure: exit 1, no temp file, every output written is complete', () => {
    const run = pario(['decompress', '--fail-fast', '-j', '2', 'bad.txt.gz', 'good'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^pario: bad\.txt\.gz: .*\(ERR_PARIO_CORRUPT|Z_BUF_ERROR|Z_DATA_ERROR\)/m);
    const files = walk(root);
    expect(files.filter((f) => TEMP_NAME.test(f.split('/').pop() ?? ''))).toEqual([]);
    expect(files).not.toContain('bad.txt');
    const outputs = files.filter((f) => f.startsWith('good/') && f.endsWith('.txt'));
    expect(outputs.length).toBeLessThan(3000);
    for (const f of outputs) expect(readFileSync(join(root, f)).equals(payloads.get(f.slice(5))!), f).toBe(true);
  });

  it('pario compress --fail-fast stops at an output it cannot write', () => {
    const dir = join(root, 'c');
    mkdirSync(join(dir, 'a.txt.gz'), { recursive: true }); // the output name is a folder: a per-file failure
    writeFileSync(join(dir, 'a.txt'), 'a');
    mkdirSync(join(dir, 'more'));
    for (let i = 0; i < 3000; i += 1) writeFileSync(join(dir, 'more', `m${i}.txt`), textBytes(i, 300));
    const run = pario(['compress', '--fail-fast', '-j', '2', 'a.txt', 'more'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^pario: a\.txt: /m);
    const files = walk(dir);
    expect(files.filter((f) => TEMP_NAME.test(f.split('/').pop() ?? ''))).toEqual([]);
    const outputs = files.filter((f) => f.endsWith('.gz'));
    expect(outputs.length).toBeLessThan(3000);
    for (const f of outputs) expect(zlib.gunzipSync(readFileSync(join(dir, f))).equals(readFileSync(join(dir, f.slice(0, -3))))).toBe(true);
  });
});
