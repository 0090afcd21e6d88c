// Job kinds `decompress` and `test`: format from magic bytes (brotli by extension), multi-member gzip, an output
// size limit against decompression bombs; decompress writes atomically like compress, test writes nothing.
import { unlinkSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createDecompressor, decompressSync, detectFormat, outputLimit, outputTooLarge, zstdContentSize } from './codecs.js';
import type { Algorithm } from './codecs.js';
import type { CodecFile, CodecFileResult, DecompressTask, OutputResult } from './compress-protocol.js';
import { MEMORY_OUTPUT_MAX, WHOLE_READ_MAX } from './compress-protocol.js';
import { AsyncWriter } from './async-writer.js';
import { assertUnchanged, closeQuietly, describe, openInput, readWhole } from './input-file.js';
import { readUpTo } from './open.js';
import { FILE_CHANGED } from './protocol.js';
import type { InputFile } from './input-file.js';
import { checkTarget, commitTemp, discardTemp, openTemp, writeOutput } from './output-file.js';
import { addProgress } from './progress.js';
import { pump } from './stream-pump.js';
import { eachFile } from './batch-loop.js';

export async function decompress(task: DecompressTask): Promise<CodecFileResult[]> {
  return eachFile(task.files, task.maxBytes, async (file) => counted(await decompressFile(file, task, true)));
}

/** Job kind `test`: integrity check of each input, nothing written. */
export async function test(task: DecompressTask): Promise<CodecFileResult[]> {
  return eachFile(task.files, task.maxBytes, async (file) => counted(await decompressFile(file, task, false)));
}

function counted(result: CodecFileResult): CodecFileResult {
  if (result.big === undefined) addProgress(1, result.bytesIn, result.outputs[0]?.bytes ?? 0, result.ok ? 0 : 1);
  return result;
}

function corrupt(error: unknown): { code: string; message: string } {
  const { code, message } = describe(error);
  if (code === 'ERR_PARIO_TOO_LARGE' || code === FILE_CHANGED) return { code, message };
  return { code: code === 'ERR_PARIO_JOB' ? 'ERR_PARIO_CORRUPT' : code, message: `invalid or corrupt input: ${message}` };
}

export async function decompressFile(file: CodecFile, task: DecompressTask, write: boolean): Promise<CodecFileResult> {
  const start = performance.now();
  const failed = (bytesIn: number, outputs: OutputResult[], cause: { code: string; message: string }): CodecFileResult =>
    ({ ok: false, path: file.path, bytesIn, ms: performance.now() - start, outputs, removed: false, ...cause });
  let input: InputFile;
  try {
    input = openInput(file.abs);
  } catch (error) {
    return failed(0, [], describe(error));
  }
  if (input.size >= task.bigFileMin) {
    closeQuietly(input.fd);
    return { ok: true, path: file.path, bytesIn: input.size, ms: performance.now() - start, outputs: [], removed: false, big: input.size };
  }
  try {
    const head = new Uint8Array(18);
    const algorithm = detectFormat(head.subarray(0, readUpTo(input.fd, head, 0)), file.abs);
    if (algorithm === null) return failed(input.size, [], { code: 'ERR_PARIO_UNKNOWN_FORMAT', message: 'not in a known compressed format (gzip, zlib, zstd, or .br)' });
    const final = write ? (file.outputs[0] ?? '') : '';
    const base = { algorithm, path: final };
    if (write) {
      try {
        if (checkTarget(final, input) === 'exists' && !task.force && file.replace !== true) {
          const output: OutputResult = { ...base, bytes: 0, status: 'exists', code: 'EEXIST', message: 'output exists (use -f to replace it)' };
          return { ok: true, path: file.path, bytesIn: input.size, ms: performance.now() - start, outputs: [output], removed: false };
        }
      } catch (error) {
        const cause = describe(error);
        return failed(input.size, [{ ...base, bytes: 0, status: 'failed', ...cause }], cause);
      }
    }
    let bytes: number;
    try {
      bytes = decodeWhole(input, algorithm, task, final) ?? (await decodeStreamed(input, algorithm, task, final));
    } catch (error) {
      const cause = corrupt(error);
      return failed(input.size, [{ ...base, bytes: 0, status: 'failed', ...cause }], cause);
    }
    const output: OutputResult = { ...base, bytes, status: write ? 'written' : 'tested' };
    let removed = false;
    if (write && task.remove) {
      try {
        unlinkSync(file.abs);
        removed = true;
      } catch (error) {
        return failed(input.size, [output], describe(error));
      }
    }
    return { ok: true, path: file.path, bytesIn: input.size, ms: performance.now() - start, outputs: [output], removed };
  } finally {
    closeQuietly(input.fd);
  }
}

/** Small inputs with an output that fits in memory: one sync call. Returns null when the streamed path is needed. */
function decodeWhole(input: InputFile, algorithm: Algorithm, task: DecompressTask, final: string): number | null {
  if (input.size > WHOLE_READ_MAX) return null;
  const data = readWhole(input);
  assertUnchanged(input, data.byteLength); // bytes of two versions would decode to garbage or a false 'corrupt'
  const limit = outputLimit(task.maxOutput, input.size);
  const cap = Math.min(limit, MEMORY_OUTPUT_MAX);
  if (algorithm === 'zstd') {
    const declared = zstdContentSize(data);
    if (declared === null || declared > cap) return null;
  }
  let out: Buffer;
  try {
    out = decompressSync(algorithm, data, cap);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
    if (limit <= MEMORY_OUTPUT_MAX) throw outputTooLarge(limit, task.maxOutput !== null);
    return null;
  }
  if (out.byteLength > limit) throw outputTooLarge(limit, task.maxOutput !== null);
  if (final !== '') writeOutput(final, [out], input, task.fsync);
  return out.byteLength;
}

async function decodeStreamed(input: InputFile, algorithm: Algorithm, task: DecompressTask, final: string): Promise<number> {
  const limit = outputLimit(task.maxOutput, input.size);
  const temp = final === '' ? undefined : openTemp(final, input.mode);
  const out = temp === undefined ? undefined : new AsyncWriter(temp.fd); // written on libuv's threads while this thread decodes on
  let bytes = 0;
  try {
    const bytesIn = await pump(input.fd, [{
      transform: createDecompressor(algorithm),
      sink: (chunk) => {
        bytes += chunk.byteLength;
        if (bytes > limit) throw outputTooLarge(limit, task.maxOutput !== null);
        out?.push(chunk);
      },
      ...(out === undefined ? {} : { drain: () => out.drained() }),
    }]);
    assertUnchanged(input, bytesIn);
    await out?.flush();
    if (temp !== undefined) commitTemp(temp, input, task.fsync);
    return bytes;
  } catch (error) {
    await out?.settle(); // no write may still be in flight when the temp file is closed and removed
    if (temp !== undefined) discardTemp(temp);
    throw error;
  }
}
