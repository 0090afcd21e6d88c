import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateBlockSync, loadZstd, zstdBlockSync } from '../../workers/blocks.js';
import { compressBuffer, compressStream } from '../../src/bigfile/compress-stream.js';
import { inlineBlockPool } from '../helpers/inline-block-pool.js';

const BLOCK = 64 * 1024;
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pario-blocks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function textish(size: number): Buffer {
  const words = ['alpha ', 'beta ', 'gamma\n', 'delta ', 'pario ', '0123 '];
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; total < size; i++) {
    const word = words[(i * 7 + (i >> 3)) % words.length] ?? '';
    parts.push(word);
    total += word.length;
  }
  return Buffer.from(parts.join('')).subarray(0, size);
}

describe('deflateBlockSync / zstdBlockSync (in-process)', () => {
  it('reads its own range with a dictionary from the file, and the pieces decode as one stream', async () => {
    const data = textish(3 * BLOCK + 123);
    const path = join(dir, 'ranges.txt');
    await writeFile(path, data);
    const { ino } = statSync(path);
    const pieces: Uint8Array[] = [];
    for (let position = 0; position < data.length; position += BLOCK) {
      const length = Math.min(BLOCK, data.length - position);
      const result = deflateBlockSync({
        input: { kind: 'file', path, position, length, dictLength: Math.min(position, 32768), size: data.length, ino },
        level: 6, last: position + length === data.length, check: 'crc32',
      });
      if (!result.ok) throw new Error(result.message);
      expect(result.length).toBe(length);
      expect(result.check).toBe(crc32(data.subarray(position, position + length)));
      expect(result.bytes!.byteOffset).toBe(0);
      expect(result.bytes!.buffer.byteLength).toBe(result.bytes!.byteLength); // a fresh, exact ArrayBuffer to move()
      pieces.push(result.bytes!);
    }
    expect(inflateRawSync(Buffer.concat(pieces)).equals(data)).toBe(true);
  });

  it('returns failures as data: a missing file, a file that shrank, a file replaced by another', async () => {
    const missing = deflateBlockSync({
      input: { kind: 'file', path: join(dir, 'nope'), position: 0, length: 10, dictLength: 0, size: 10, ino: 1 }, level: 6, last: true, check: 'none',
    });
    expect(missing).toMatchObject({ ok: false, code: 'ENOENT', path: join(dir, 'nope') });
    const path = join(dir, 'short.bin');
    await writeFile(path, randomBytes(100));
    const { ino } = statSync(path);
    const shrank = zstdBlockSync({ input: { kind: 'file', path, position: 50, length: 100, dictLength: 0, size: 150, ino }, level: 3 });
    expect(shrank).toMatchObject({ ok: false, code: 'ERR_FILE_CHANGED' });
    const replaced = deflateBlockSync({
      input: { kind: 'file', path, position: 0, length: 100, dictLength: 0, size: 100, ino: ino + 1 }, level: 6, last: true, check: 'crc32',
    });
    expect(replaced).toMatchObject({ ok: false, code: 'ERR_FILE_CHANGED' });
    const ok = deflateBlockSync({ input: { kind: 'file', path, position: 0, length: 100, dictLength: 0, size: 100, ino }, level: 6, last: true, check: 'crc32' });
    expect(ok.ok).toBe(true);
  });

  it('writes into the caller\'s shared output slot when it fits, else returns fresh bytes to move', () => {
    const data = textish(100_000);
    const input = { kind: 'shared' as const, path: 's', buffer: new SharedArrayBuffer(data.length), offset: 0, length: data.length, dictLength: 0 };
    new Uint8Array(input.buffer).set(data);
    const out = { buffer: new SharedArrayBuffer(200_000), offset: 1000, length: 150_000 };
    const inSlot = deflateBlockSync({ input, out, level: 6, last: true, check: 'crc32' });
    if (!inSlot.ok) throw new Error(inSlot.message);
    expect(inSlot.bytes).toBeNull();
    const written = Buffer.from(new Uint8Array(out.buffer, out.offset, inSlot.written));
    expect(inflateRawSync(written).equals(data)).toBe(true);
    const tooSmall = deflateBlockSync({ input, out: { ...out, length: 10 }, level: 6, last: true, check: 'crc32' });
    if (!tooSmall.ok) throw new Error(tooSmall.message);
    expect(tooSmall.bytes !== null && Buffer.from(tooSmall.bytes).equals(written)).toBe(true);
  });

  it.skipIf(loadZstd() === null && process.env['CI'] === undefined)('zstdBlockSync makes an independent frame with a checksum', () => {
    const data = textish(200_000);
    const sab = new SharedArrayBuffer(data.length + 32768);
    new Uint8Array(sab).set(data, 32768);
    const result = zstdBlockSync({ input: { kind: 'shared', path: 's', buffer: sab, offset: 32768, length: data.length, dictLength: 32768 }, level: 3 });
    if (!result.ok) throw new Error(result.message);
    expect(Buffer.from(result.bytes!.subarray(0, 4)).readUInt32LE(0)).toBe(0xfd2fb528); // zstd frame magic
    expect(result.bytes![4]! & 0x04).toBe(0x04); // Content_Checksum_flag
  });
});

describe('compressBuffer / compressStream on an in-process pool', () => {
  const sizes = [0, 1, BLOCK, BLOCK + 1, 5 * BLOCK + 77];
  it('gives the same bytes for any jobs count, and gunzip/inflate restore the input', async () => {
    for (const size of sizes) {
      const data = textish(size);
      const one = await compressBuffer(data, { pool: inlineBlockPool(1), blockSize: BLOCK });
      const four = await compressBuffer(data, { pool: inlineBlockPool(4), blockSize: BLOCK });
      expect(four.equals(one)).toBe(true);
      expect(gunzipSync(one).equals(data)).toBe(true);
      expect(one.readUInt32LE(one.length - 8)).toBe(crc32(data));
      const z = await compressBuffer(data, { pool: inlineBlockPool(2), blockSize: BLOCK, format: 'zlib' });
      expect(inflateSync(z).equals(data)).toBe(true);
      const raw = await compressBuffer(data, { pool: inlineBlockPool(2), blockSize: BLOCK, format: 'raw', independent: true });
      expect(inflateRawSync(raw).equals(data)).toBe(true);
    }
  });

  it('a stream cut at odd chunk boundaries compresses to the same bytes as the buffer', async () => {
    const data = textish(4 * BLOCK + 5);
    const expected = await compressBuffer(data, { pool: inlineBlockPool(2), blockSize: BLOCK });
    for (const cut of [1000, BLOCK, BLOCK - 1, 3 * BLOCK]) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < data.length; at += cut) chunks.push(data.subarray(at, at + cut));
      const out: Buffer[] = [];
      const sink = new (await import('node:stream')).Writable({
        highWaterMark: 1024,
        write(chunk: Buffer, _encoding, callback) { out.push(chunk); setImmediate(callback); },
      });
      const summary = await compressStream(Readable.from(chunks), sink, { pool: inlineBlockPool(2), blockSize: BLOCK });
      expect(summary.bytesIn).toBe(data.length);
      expect(Buffer.concat(out).equals(expected)).toBe(true);
    }
  });

  it('a sink that fails (EPIPE) rejects the call with its code instead of crashing on an unhandled error event', async () => {
    let writes = 0;
    const { Writable } = await import('node:stream');
    const sink = new Writable({
      highWaterMark: 1,
      write(_chunk: Buffer, _encoding, callback) {
        writes++;
        if (writes === 3) callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        else setImmediate(callback);
      },
    });
    const data = textish(20 * BLOCK);
    await expect(compressStream(Readable.from([data]), sink, { pool: inlineBlockPool(2), blockSize: BLOCK }))
      .rejects.toMatchObject({ code: 'EPIPE' });
  });
});
