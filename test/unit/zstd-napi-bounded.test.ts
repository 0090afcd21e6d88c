import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { NapiDecompressStream, napiDecompress, type ZstdNapiBinding } from '../../workers/zstd-napi-bounded.js';
import { textish } from '../helpers/block-inputs.js';

const require = createRequire(import.meta.url);
type Binding = ZstdNapiBinding & {
  CCtx: new () => { setParameter(param: number, value: number): void; compress2(dst: Uint8Array, src: Uint8Array): number };
  CParameter: { checksumFlag: number };
  compressBound(n: number): number;
};
const binding = ((): Binding | null => {
  try {
    return require('zstd-napi/binding');
  } catch {
    return null;
  }
})();
const CI = process.env['CI'] !== undefined && process.env['CI'] !== '';

/** A zstd frame with a content checksum, as pario writes them (so a flipped byte is always caught). */
function zstd(data: Buffer): Buffer {
  const b = binding!;
  const cctx = new b.CCtx();
  cctx.setParameter(b.CParameter.checksumFlag, 1);
  const out = Buffer.alloc(b.compressBound(data.byteLength));
  return out.subarray(0, cctx.compress2(out, data));
}

describe.skipIf(binding === null && !CI)('napiDecompress: one reused context per worker', () => {
  it('decodes good input after a truncated and a corrupt one (the context is reset for every input)', () => {
    expect(binding, 'zstd-napi must load in CI').not.toBeNull();
    const text = Buffer.from('pario '.repeat(200_000));
    const good = zstd(text);
    expect(() => napiDecompress(binding!, good.subarray(0, good.byteLength >> 1), 1 << 30)).toThrow();
    const corrupt = Buffer.from(good);
    corrupt.writeUInt8((corrupt.readUInt8(corrupt.byteLength >> 1) ^ 0xff), corrupt.byteLength >> 1);
    expect(() => napiDecompress(binding!, corrupt, 1 << 30)).toThrow();
    expect(napiDecompress(binding!, good, 1 << 30).equals(text)).toBe(true);
    // Small output, tiny input: the first chunk is not 4 MiB, and the bytes are still whole.
    const small = Buffer.from('x');
    expect(napiDecompress(binding!, zstd(small), 1 << 30).equals(small)).toBe(true);
  });

  it('stops at the limit: output past max throws ERR_BUFFER_TOO_LARGE, then the next input decodes', () => {
    const zeros = Buffer.alloc(64 << 20);
    const bomb = zstd(zeros);
    expect(() => napiDecompress(binding!, bomb, 1 << 20)).toThrow(expect.objectContaining({ code: 'ERR_BUFFER_TOO_LARGE' }));
    expect(napiDecompress(binding!, bomb, 64 << 20).byteLength).toBe(64 << 20);
  });
});

describe.skipIf(binding === null && !CI)('napiDecompress with the declared size: one call, else the bounded way', () => {
  const text = Buffer.from('declared '.repeat(10_000));
  const frame = zstd(text);
  const declared = text.byteLength;

  it('a frame that says its size decodes whole; a second frame after it is decoded too', () => {
    expect(napiDecompress(binding!, frame, 1 << 30, declared).equals(text)).toBe(true);
    const two = Buffer.concat([frame, frame]);
    expect(napiDecompress(binding!, two, 1 << 30, declared).equals(Buffer.concat([text, text]))).toBe(true);
  });

  it('trailing data, a size that lies, a corrupt frame and a bomb fail as they do without the size', () => {
    const trailing = Buffer.concat([frame, Buffer.from('garbage')]);
    const lying = Buffer.from(frame);
    const plain = (data: Buffer, max = 1 << 30): unknown => catchError(() => napiDecompress(binding!, data, max));
    const sized = (data: Buffer, size: number, max = 1 << 30): unknown => catchError(() => napiDecompress(binding!, data, max, size));
    expect(sized(trailing, declared)).toEqual(plain(trailing));
    expect((sized(trailing, declared) as { code?: string }).code).toBe('ERR_PARIO_TRAILING_DATA');
    expect(sized(lying, declared + 1)).toEqual(plain(lying)); // not an error: the bounded way decodes it
    const corrupt = Buffer.from(frame);
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.byteLength >> 1) ^ 0xff, corrupt.byteLength >> 1);
    expect(sized(corrupt, declared)).toEqual(plain(corrupt));
    expect(sized(frame, declared, declared - 1)).toEqual(plain(frame, declared - 1));
    expect(napiDecompress(binding!, frame, 1 << 30, declared).equals(text)).toBe(true); // the context was reset
  });
});

/** What `run` throws (its code and message), or its output. */
function catchError(run: () => Buffer): unknown {
  try {
    return run();
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
}

describe.skipIf(binding === null && !CI)('NapiDecompressStream: back-pressure', () => {
  it('a chunk that ends where the output chunk fills never stalls the writer (issue 21: multi-frame .zst hung)', async () => {
    const frame = zstd(textish(1 << 20));
    // The input cut after whole blocks: the decoder fills its 256 KiB output chunk just as the chunk runs out, and
    // the reader (paused per chunk, like a file writer) is full; the resumed feed makes no output.
    const fhd = frame[4]!;
    const single = (fhd >> 5) & 1;
    let at = 5 + (single === 1 ? 0 : 1) + [0, 1, 2, 4][fhd & 3]! + [single, 2, 4, 8][fhd >> 6]!; // the frame header's length
    const ends: number[] = [];
    for (;;) {
      const v = frame[at]! | (frame[at + 1]! << 8) | (frame[at + 2]! << 16);
      at += 3 + (((v >> 1) & 3) === 1 ? 1 : v >>> 3);
      ends.push(at);
      if ((v & 1) === 1) break;
    }
    for (const cut of ends.slice(0, 6)) {
      const stream = new NapiDecompressStream(binding!);
      let bytes = 0;
      const ended = new Promise((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.byteLength;
          stream.pause();
          setImmediate(() => stream.resume());
        });
        stream.on('end', resolve);
        stream.on('error', reject);
      });
      await new Promise((resolve) => stream.write(frame.subarray(0, cut), resolve));
      await new Promise((resolve) => stream.write(frame.subarray(cut), resolve));
      stream.end();
      await ended;
      expect(bytes).toBe(1 << 20);
    }
  });
});
