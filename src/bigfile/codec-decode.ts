// The big-file path of `decompress` and `test` for a multi-frame .zst file or pario's indexed .gz (pario's own
// big-file outputs): its frames or spans decoded by every worker of the shared pool (bigfile/decode-frames.ts) into a
// temp file beside the output, renamed into place only when every frame decoded whole. Same rules as the one-worker
// path: an existing output is kept unless forced, mode and mtime are copied, --rm only once the output is in place,
// the output limit against bombs.
import { closeSync } from 'node:fs';
import type { CodecFile, CodecFileResult, OutputResult } from '../../workers/compress-protocol.js';
import { outputLimit, outputTooLarge } from '../../workers/compress-protocol.js';
import type { FileRef } from '../../workers/file-protocol.js';
import { namedRef } from '../../workers/file-protocol.js';
import { openInput } from '../../workers/open.js';
import type { InputFile } from '../../workers/open.js';
import { checkTarget, discardTemp, openTemp } from '../../workers/output-file.js';
import { refuseInput } from '../../workers/owner.js';
import { asFileError, commitAsync, fdWriter } from './compress-file.js';
import { decodeFrames, scanInput } from './decode-frames.js';
import type { ParallelScan } from './decode-frames.js';
import { isAbortError } from '../errors.js';
import type { ParioPool } from '../pool/pool.js';
import type { TaskBase } from '../compress/task.js';
import { finish, problemOf } from './codec-result.js';


/**
 * Decodes `file` on every worker when it is a .zst file of several frames that each declare their size, or a .gz
 * file with a valid pario index; undefined
 * for any other input (the one-worker path decodes it, and names whatever is wrong with it).
 */
export async function decodeParallel(
  pool: ParioPool, kind: 'decompress' | 'test', file: CodecFile, task: TaskBase, signal: AbortSignal | undefined,
): Promise<CodecFileResult | undefined> {
  const started = performance.now();
  const at = file.at ?? namedRef(file.abs);
  let input: InputFile;
  try {
    input = openInput(at);
  } catch {
    return undefined;
  }
  try {
    const scan = scanInput(input);
    if ('serial' in scan) return undefined;
    const write = kind === 'decompress';
    if (write) {
      try {
        refuseInput(input, task);
      } catch (error) {
        return await finish(pool, file, at, task, input, [], started, undefined, problemOf(error));
      }
    }
    const base = { algorithm: scan.algorithm, path: write ? (file.outputs[0] ?? '') : '' };
    let output: OutputResult;
    try {
      output = await decodeTo(pool, file, at, input, scan, write, task, signal);
    } catch (error) {
      if (isAbortError(error) || signal?.aborted === true) throw error;
      output = { ...base, bytes: 0, status: 'failed', ...problemOf(asFileError(file.path, error)) };
    }
    return await finish(pool, file, at, task, input, [output], started, undefined);
  } finally {
    closeSync(input.fd);
  }
}

async function decodeTo(
  pool: ParioPool, file: CodecFile, at: FileRef, input: InputFile, scan: ParallelScan,
  write: boolean, task: TaskBase, signal: AbortSignal | undefined,
): Promise<OutputResult> {
  const final = write ? (file.outputs[0] ?? '') : '';
  const base = { algorithm: scan.algorithm, path: final };
  const limit = outputLimit(task.maxOutput, input.size);
  if (scan.contentSize > limit) throw outputTooLarge(limit, task.maxOutput !== null);
  if (!write) {
    const bytes = await decodeFrames(file.path, at, input, scan, pool, () => undefined, { discard: true, signal });
    return { ...base, bytes, status: 'tested' };
  }
  const out = file.outputsAt?.[0] ?? namedRef(final);
  if (checkTarget(out, input, file.owned?.[0]) === 'exists' && !task.force) {
    return { ...base, bytes: 0, status: 'exists', code: 'EEXIST', message: 'output exists (use -f to replace it)' };
  }
  const temp = openTemp(out, input);
  try {
    const bytes = await decodeFrames(file.path, at, input, scan, pool, fdWriter(temp.fd), { signal });
    const id = await commitAsync(temp, input, { fsync: task.fsync, identify: task.identify === true });
    return { ...base, bytes, status: 'written', ...(id === undefined ? {} : { ino: id.ino }) };
  } catch (error) {
    discardTemp(temp);
    throw error;
  }
}
