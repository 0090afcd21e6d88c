// Job kinds `decompress` and `test`: format from magic bytes (brotli by extension), multi-member gzip, an output
// size limit against decompression bombs; decompress writes atomically like compress, test writes nothing.
import { performance } from 'node:perf_hooks';
import type { CodecFile, CodecFileResult, DecompressTask, OutputResult } from './compress-protocol.js';
import { AsyncWriter } from './async-writer.js';
import { closeQuietly, describe } from './input-file.js';
import type { InputFile } from './input-file.js';
import { commitOptions, inputRef, outputRef } from './codec-refs.js';
import type { FileRef } from './file-protocol.js';
import { openInput } from './open.js';
import { checkTarget, commitTemp, discardTemp, openTemp, writeOutput } from './output-file.js';
import { refuseInput } from './owner.js';
import { removeInput } from './remove.js';
import { addProgress } from './progress.js';
import { decodeChunks, decodeInMemory, formatOf } from './decode-file.js';
import type { Compressed } from './decode-file.js';
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

/** A decoding failure as data; decoder faults already name the format and the fault (decode-errors.ts). */
function corrupt(error: unknown): { code: string; message: string } {
  const { code, message } = describe(error);
  return { code: code === 'ERR_PARIO_JOB' ? 'ERR_PARIO_CORRUPT' : code, message };
}

export async function decompressFile(file: CodecFile, task: DecompressTask, write: boolean): Promise<CodecFileResult> {
  const start = performance.now();
  const failed = (bytesIn: number, outputs: OutputResult[], cause: { code: string; message: string }): CodecFileResult =>
    ({ ok: false, path: file.path, bytesIn, ms: performance.now() - start, outputs, removed: false, ...cause });
  let input: InputFile;
  try {
    input = openInput(inputRef(file));
  } catch (error) {
    return failed(0, [], describe(error));
  }
  if (input.size >= task.bigFileMin) {
    closeQuietly(input.fd);
    return { ok: true, path: file.path, bytesIn: input.size, ms: performance.now() - start, outputs: [], removed: false, big: input.size };
  }
  try {
    if (write) refuseInput(input, task);
  } catch (error) {
    closeQuietly(input.fd);
    return failed(input.size, [], describe(error));
  }
  try {
    let format: Compressed;
    try {
      format = formatOf(input, file.abs);
    } catch (error) {
      return failed(input.size, [], describe(error));
    }
    const { algorithm } = format;
    const final = write ? (file.outputs[0] ?? '') : '';
    const out = write ? outputRef(file, 0) : undefined;
    const base = { algorithm, path: final };
    if (out !== undefined) {
      try {
        if (checkTarget(out, input, file.owned?.[0]) === 'exists' && !task.force) {
          const output: OutputResult = {
            ...base, bytes: 0, status: 'exists', code: 'EEXIST', message: 'output exists (use -f to replace it)',
          };
          return { ok: true, path: file.path, bytesIn: input.size, ms: performance.now() - start, outputs: [output], removed: false };
        }
      } catch (error) {
        const cause = describe(error);
        return failed(input.size, [{ ...base, bytes: 0, status: 'failed', ...cause }], cause);
      }
    }
    let done: Decoded;
    try {
      done = decodeWhole(input, format, task, out) ?? (await decodeStreamed(input, format, task, out));
    } catch (error) {
      const cause = corrupt(error);
      return failed(input.size, [{ ...base, bytes: 0, status: 'failed', ...cause }], cause);
    }
    const ino = done.ino === undefined ? {} : { ino: done.ino };
    const output: OutputResult = { ...base, bytes: done.bytes, status: write ? 'written' : 'tested', ...ino };
    let removed = false;
    if (write && task.remove) {
      try {
        removeInput(inputRef(file), input); // only if the name still names the file that was read
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

/** Bytes decoded, and the inode of the output written (with `identify`). */
type Decoded = { readonly bytes: number; readonly ino?: number | undefined };

/** Small inputs with an output that fits in memory: one sync call. null when the streamed path is needed. */
function decodeWhole(input: InputFile, format: Compressed, task: DecompressTask, at: FileRef | undefined): Decoded | null {
  const out = decodeInMemory(input, format, task.maxOutput);
  if (out === null) return null;
  if (at === undefined) return { bytes: out.byteLength };
  return { bytes: out.byteLength, ino: writeOutput(at, [out], input, commitOptions(task)).id?.ino };
}

/** Larger ones: streamed in bounded memory, each output chunk queued for writing (or counted) before the next is made. */
async function decodeStreamed(input: InputFile, format: Compressed, task: DecompressTask, at: FileRef | undefined): Promise<Decoded> {
  const temp = at === undefined ? undefined : openTemp(at, input);
  const out = temp === undefined ? undefined : new AsyncWriter(temp.fd); // written on libuv's threads while this thread decodes on
  try {
    const bytes = await decodeChunks(input, format, task.maxOutput, out === undefined ? () => undefined : (chunk) => {
      out.push(chunk);
      return out.full() ? out.drained() : undefined;
    });
    await out?.flush();
    return { bytes, ino: temp === undefined ? undefined : commitTemp(temp, input, commitOptions(task))?.ino };
  } catch (error) {
    await out?.settle(); // no write may still be in flight when the temp file is closed and removed
    if (temp !== undefined) discardTemp(temp);
    throw error;
  }
}
