// Which zstd runs (workers/zstd-choice.ts): zstd-napi where it is installed, on every Node; Node's built-in zstd
// (Node >= 22.15) with PARIO_NO_ZSTD_NAPI=1, where its small-file, big-file (frames on every core) and decode paths
// all still work and the zstd CLI reads what they write; without the built-in, zstd is refused in one line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { zstdBackend } from '../../workers/codecs.js';
import { BIN, ROOT } from '../helpers/paths.js';
import { has } from '../helpers/oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'pario-zstd-choice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const builtin = typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function';
const napiInstalled = ((): boolean => {
  try {
    createRequire(import.meta.url)('zstd-napi');
    return true;
  } catch {
    return false;
  }
})();

function pario(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

/** 10 MiB that compress: a big file (8 MiB and up) goes to the frames path, and its .zst holds two frames. */
function bigInput(): Buffer {
  const line = Buffer.from('the quick brown fox jumps over the lazy dog 0123456789\n');
  const out = Buffer.alloc(10 << 20);
  for (let at = 0; at < out.length; at += line.length) line.copy(out, at, 0, Math.min(line.length, out.length - at));
  for (let at = 0; at < out.length; at += 4099) out[at] = (at * 31) & 0xff; // not one repeated line
  return out;
}

describe('the zstd backend', () => {
  // The optional dependency is installed under CI; elsewhere it may be missing (npm --omit=optional).
  it.skipIf(!napiInstalled && process.env['CI'] === undefined)('is zstd-napi where it is installed, whatever the Node', () => {
    expect(zstdBackend()?.name).toBe('zstd-napi');
  });

  it('PARIO_NO_ZSTD_NAPI=1 takes the built-in, or none on a Node without it', () => {
    const url = pathToFileURL(join(ROOT, 'dist', 'workers', 'codecs.js')).href;
    const script = `const m = await import(${JSON.stringify(url)}); console.log(String(m.zstdBackend()?.name));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, PARIO_NO_ZSTD_NAPI: '1' }, encoding: 'utf8',
    });
    expect(run.stdout).toBe(builtin ? 'node:zlib\n' : 'undefined\n');
  });

  it.runIf(builtin)('PARIO_NO_ZSTD_NAPI=1 runs Node\'s built-in zstd: small and big files round-trip, the zstd CLI reads them', () => {
    const small = join(dir, 'small.txt');
    const big = join(dir, 'big.txt');
    writeFileSync(small, 'hello zstd\n'.repeat(1000));
    const data = bigInput();
    writeFileSync(big, data);
    const env = { PARIO_NO_ZSTD_NAPI: '1' };
    const made = pario(['compress', '--zstd', '-q', small, big], env);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    if (has('zstd')) {
      for (const file of [small, big]) expect(spawnSync('zstd', ['-q', '-t', `${file}.zst`]).status).toBe(0);
    }
    rmSync(small);
    rmSync(big);
    expect(pario(['test', '-q', `${small}.zst`, `${big}.zst`], env).status).toBe(0);
    const back = pario(['decompress', '-q', `${small}.zst`, `${big}.zst`], env);
    expect(back.stderr).toBe('');
    expect(back.status).toBe(0);
    expect(readFileSync(small, 'utf8')).toBe('hello zstd\n'.repeat(1000));
    expect(readFileSync(big).equals(data)).toBe(true);
  });

  it.runIf(!builtin)('PARIO_NO_ZSTD_NAPI=1 on a Node without built-in zstd: --zstd is refused in one line, exit 2', () => {
    const file = join(dir, 'refused.txt');
    writeFileSync(file, 'x');
    const run = pario(['compress', '--zstd', file], { PARIO_NO_ZSTD_NAPI: '1' });
    expect(run.stderr).toBe('pario: zstd is unavailable: this Node has no built-in zstd (needs ≥ 22.15) and PARIO_NO_ZSTD_NAPI=1 '
      + 'keeps the optional package zstd-napi from loading\n');
    expect(run.status).toBe(2);
  });
});
