// Whole-buffer gzip and .zz come from libdeflate (WASM) where it loads: real gzip/zlib bytes, every level, and
// Node's zlib below 8 KiB, beyond the size cap or when PARIO_NO_LIBDEFLATE=1.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressSync } from '../../workers/codecs.js';
import { LIBDEFLATE_MAX_INPUT, LIBDEFLATE_MIN_INPUT } from '../../workers/libdeflate.js';
import { deflateBackend, libdeflateCompress, loadLibdeflate } from '../../workers/libdeflate.js';
import { has } from '../helpers/oracle.js';

const text = Buffer.from('pario compresses many files on every core, with libdeflate where it loads.\n'.repeat(2000));
const mixed = Buffer.concat([text.subarray(0, 40_000), randomBytes(50_000), Buffer.alloc(30_000)]);
const inputs: [string, Buffer][] = [['empty', Buffer.alloc(0)], ['one byte', Buffer.from('x')], ['text', text], ['mixed', mixed]];

beforeAll(async () => {
  await loadLibdeflate();
});

describe('libdeflate backend', () => {
  it('loads (a regular dependency: a missing or broken build is a failure, not a silent zlib fallback)', () => {
    expect(deflateBackend()).toBe('libdeflate');
  });

  it('compressSync writes exactly libdeflate output for gzip and .zz', async () => {
    const lib = (await import('libdeflate')) as { gzip(i: Uint8Array, l: number): Uint8Array; zlib(i: Uint8Array, l: number): Uint8Array };
    expect(Buffer.from(compressSync('gzip', text, 6)).equals(Buffer.from(lib.gzip(text, 6)))).toBe(true);
    expect(Buffer.from(compressSync('deflate', text, 6)).equals(Buffer.from(lib.zlib(text, 6)))).toBe(true);
    // …which is not what Node's zlib writes: the test above would pass on a zlib fallback otherwise.
    expect(Buffer.from(compressSync('gzip', text, 6)).equals(zlib.gzipSync(text, { level: 6 }))).toBe(false);
  });

  it('round trips every level 1–9 through Node’s inflate, gzip and zlib formats', () => {
    for (let level = 1; level <= 9; level += 1) {
      for (const [label, data] of inputs) {
        expect(zlib.gunzipSync(compressSync('gzip', data, level)).equals(data), `gzip -${level} ${label}`).toBe(true);
        expect(zlib.inflateSync(compressSync('deflate', data, level)).equals(data), `zz -${level} ${label}`).toBe(true);
      }
    }
  });

  it.skipIf(!has('gzip'))('gzip -dc restores it and gzip -t accepts it', () => {
    for (const [label, data] of inputs) {
      const packed = compressSync('gzip', data, 6);
      const back = spawnSync('gzip', ['-dc'], { input: packed, maxBuffer: 1 << 26 });
      expect(back.status, label).toBe(0);
      expect(back.stdout.equals(data), label).toBe(true);
      expect(spawnSync('gzip', ['-t'], { input: packed }).status, label).toBe(0);
    }
  });

  it('hands inputs above the cap and below the floor to zlib (null), and level 0 too', () => {
    expect(libdeflateCompress('gzip', new Uint8Array(LIBDEFLATE_MAX_INPUT + 1), 6)).toBeNull();
    expect(libdeflateCompress('gzip', text.subarray(0, LIBDEFLATE_MIN_INPUT - 1), 6)).toBeNull();
    expect(libdeflateCompress('gzip', text.subarray(0, LIBDEFLATE_MIN_INPUT), 6)).not.toBeNull();
    // A small file's bytes are exactly Node's zlib's.
    const small = text.subarray(0, 1000);
    expect(compressSync('gzip', small, 6).equals(zlib.gzipSync(small, { level: 6 }))).toBe(true);
    expect(libdeflateCompress('gzip', text, 0)).toBeNull();
    expect(libdeflateCompress('gzip', text, 6)).not.toBeNull();
  });

  it('the result owns a fresh ArrayBuffer of its own size (safe to move to another thread)', () => {
    const out = libdeflateCompress('gzip', text, 6)!;
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBe(out.byteLength);
  });

  it('PARIO_NO_LIBDEFLATE=1 keeps Node’s zlib (byte-identical to zlib.gzipSync)', () => {
    const module = fileURLToPath(new URL('../../workers/codecs.js', import.meta.url));
    const backend = fileURLToPath(new URL('../../workers/libdeflate.js', import.meta.url));
    const script = `const { compressSync } = await import(${JSON.stringify(module)}); const l = await import(${JSON.stringify(backend)});
      await l.loadLibdeflate(); const zlib = await import('node:zlib'); const d = Buffer.from('abc'.repeat(5000));
      process.stdout.write(l.deflateBackend() + ' ' + compressSync('gzip', d, 6).equals(zlib.gzipSync(d, { level: 6 })));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, PARIO_NO_LIBDEFLATE: '1' }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('node:zlib true');
  });

  it('leaves no process-wide handlers behind (the Emscripten glue adds two that rethrow), and is skipped without WebAssembly', () => {
    const backend = fileURLToPath(new URL('../../workers/libdeflate.js', import.meta.url));
    const script = `const l = await import(${JSON.stringify(backend)});
      const count = () => process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');
      const before = count(); await l.loadLibdeflate(); process.stdout.write(l.deflateBackend() + ' ' + (count() - before));`;
    const run = (flags: string[]) => spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run([]).stdout).toBe('libdeflate 0');
    const jitless = run(['--jitless']);
    expect(jitless.stdout).toBe('node:zlib 0');
    expect(jitless.stderr).not.toContain('Aborted');
  });
});
