// --rm verifies before it removes, and a manifest never adopts a file pario did not write (issue 17). The run waits at
// a FIFO gate just before its removal (PARIO_TEST_GATE_REMOVE), so the test changes the input at exactly that point.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressFiles } from '../../src/index.js';
import type { CompressResult } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { BIN } from '../helpers/paths.js';
import { collect, tempDir } from '../helpers/temp.js';

/** Lets a run waiting at `fifo` go on once `change` has run. Resolves when the run reached the gate and went on. */
async function atGate(fifo: string, change: () => void): Promise<void> {
  const gate = await open(fifo, 'w'); // opens once the run waits at the gate (a FIFO open blocks until both ends)
  change();
  await gate.write('x');
  await gate.close();
}

function gated(dir: string): string {
  const fifo = join(dir, '..', `${dir.split('/').pop()}.gate`);
  spawnSync('mkfifo', [fifo]);
  return fifo;
}

/** compressFiles --rm with the gate set for its workers (they copy the environment when the pool starts). */
async function removeAtGate(dir: string, names: string[], change: () => void): Promise<CompressResult[]> {
  const fifo = gated(dir);
  process.env['PARIO_TEST_GATE_REMOVE'] = fifo;
  try {
    const run = collect(compressFiles(names, { cwd: dir, remove: true, jobs: 1 }));
    await atGate(fifo, change);
    return await run;
  } finally {
    delete process.env['PARIO_TEST_GATE_REMOVE'];
  }
}

const TEXT = 'the bytes that were read\n'.repeat(40);

describe('--rm removes only the file that was read', () => {
  const base = tempDir('pario-rm-');

  it('a file renamed over the input after the read stays, and so does the output of what was read', async () => {
    const dir = join(base, 'replaced');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), TEXT);
    const [result] = await removeAtGate(dir, ['a.txt'], () => {
      writeFileSync(join(dir, 'other'), 'someone else\'s file\n');
      renameSync(join(dir, 'other'), join(dir, 'a.txt'));
    });
    expect(result).toMatchObject({ path: 'a.txt', status: 'failed', code: 'ERR_FILE_CHANGED', removed: false });
    expect(result?.message).toMatch(/replaced after it was read/);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('someone else\'s file\n');
    expect(gunzipSync(readFileSync(join(dir, 'a.txt.gz'))).toString()).toBe(TEXT);
  });

  it('a file appended to after the read stays whole', async () => {
    const dir = join(base, 'appended');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), TEXT);
    const [result] = await removeAtGate(dir, ['a.txt'], () => appendFileSync(join(dir, 'a.txt'), 'one more line\n'));
    expect(result).toMatchObject({ status: 'failed', code: 'ERR_FILE_CHANGED', removed: false });
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(`${TEXT}one more line\n`);
  });

  it('an untouched file is removed', async () => {
    const dir = join(base, 'untouched');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), TEXT);
    const [result] = await removeAtGate(dir, ['a.txt'], () => undefined);
    expect(result).toMatchObject({ status: 'ok', removed: true });
    expect(readdirSync(dir)).toEqual(['a.txt.gz']);
  });

  /** The CLI in a child, waiting at the gate; `portable` forces the path route of systems without /proc. */
  async function cliAtGate(
    cwd: string, args: string[], change: () => void, portable = false,
  ): Promise<{ code: number | null; stderr: string }> {
    const fifo = gated(cwd);
    const env = { ...process.env, PARIO_TEST_GATE_REMOVE: fifo, ...(portable ? { PARIO_PORTABLE_PATHS: '1' } : {}) };
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await atGate(fifo, change);
    return { code: await exited, stderr };
  }

  it('a big file (block path, main thread) appended to after the read stays whole', async () => {
    const dir = join(base, 'big');
    mkdirSync(dir);
    const big = Buffer.alloc(9 << 20, 'big file line\n');
    writeFileSync(join(dir, 'big.log'), big);
    const append = (): void => appendFileSync(join(dir, 'big.log'), 'late\n');
    const run = await cliAtGate(dir, ['compress', '--rm', '--no-progress', 'big.log'], append);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^pario: big\.log: changed after it was read .*kept, not removed \(ERR_FILE_CHANGED\)$/m);
    expect(readFileSync(join(dir, 'big.log')).byteLength).toBe(big.byteLength + 5);
    expect(gunzipSync(readFileSync(join(dir, 'big.log.gz'))).equals(big)).toBe(true);
  }, 60_000);

  for (const portable of [false, true]) {
    const route = portable ? 'path route, no /proc' : 'through the folder handle';
    it(`a folder swapped for a link to a victim before the removal: the victim keeps its file (${route})`, async () => {
      const dir = join(base, portable ? 'swap-portable' : 'swap-fd');
      mkdirSync(join(dir, 'tree', 'd'), { recursive: true });
      mkdirSync(join(dir, 'victim'));
      writeFileSync(join(dir, 'tree', 'd', 'a.txt'), TEXT);
      writeFileSync(join(dir, 'victim', 'a.txt'), 'victim\n');
      const run = await cliAtGate(dir, ['compress', '--rm', '--no-progress', 'tree'], () => {
        renameSync(join(dir, 'tree', 'd'), join(dir, 'tree', 'd.moved'));
        symlinkSync(join(dir, 'victim'), join(dir, 'tree', 'd'));
      }, portable);
      expect(readdirSync(join(dir, 'victim'))).toEqual(['a.txt']);
      expect(readFileSync(join(dir, 'victim', 'a.txt'), 'utf8')).toBe('victim\n');
      if (portable) {
        // Without a handle to resolve through, the moved folder is noticed and nothing is removed.
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^pario: tree\/d\/a\.txt: folder .*tree\/d was moved or replaced during the run; nothing done in it/m);
        expect(run.stderr).toContain('(ERR_PARIO_FOLDER_MOVED)');
        expect(readdirSync(join(dir, 'tree', 'd.moved')).sort()).toEqual(['a.txt', 'a.txt.gz']);
      } else {
        // Through the handle, the file that was read is removed where it now is.
        expect(run.code, run.stderr).toBe(0);
        expect(readdirSync(join(dir, 'tree', 'd.moved'))).toEqual(['a.txt.gz']);
      }
    }, 60_000);
  }
});

describe('the manifest records only what pario wrote', () => {
  it('an output that already existed is not adopted; one pario wrote is replaced only while it is still that file', async () => {
    const dir = tempDir('pario-adopt-');
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, `${name}.txt`), `${name} version 1\n`);
    writeFileSync(join(dir, 'a.txt.gz'), 'the user\'s own a.txt.gz');
    const run = () => runCli(['compress', '--no-progress', '--manifest', 'm.json', '--exclude', 'm.json*', '.'], { cwd: dir });
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    type Entries = { entries: Record<string, { outputs?: { path: string; ino: number }[] }> };
    const manifest = JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')) as Entries;
    expect(manifest.entries['a.txt']).toBeUndefined();
    expect(manifest.entries['b.txt']?.outputs).toEqual([{ path: 'b.txt.gz', ino: expect.any(Number), size: expect.any(Number) }]);
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, `${name}.txt`), `${name} version 2\n`);
    writeFileSync(join(dir, 'b.txt.gz.new'), 'the user\'s own b.txt.gz');
    renameSync(join(dir, 'b.txt.gz.new'), join(dir, 'b.txt.gz')); // the user replaced pario's output with a file of theirs
    const second = await run();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/a\.txt\.gz already exists/);
    expect(second.stderr).toMatch(/b\.txt\.gz already exists/);
    expect(readFileSync(join(dir, 'a.txt.gz'), 'utf8')).toBe('the user\'s own a.txt.gz');
    expect(readFileSync(join(dir, 'b.txt.gz'), 'utf8')).toBe('the user\'s own b.txt.gz');
    expect(gunzipSync(readFileSync(join(dir, 'c.txt.gz'))).toString()).toBe('c version 2\n');
  }, 60_000);
});
