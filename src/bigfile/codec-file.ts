// The big-file path: files of the task's bigFileMin and more leave the batches (see compress/route.ts). gzip,
// deflate (.zz) and zstd outputs are made block-parallel by every worker of the shared pool (src/bigfile: pigz's
// method; zstd frames); brotli cannot be split, so it stays one streaming worker task with bounded memory. Same rules
// as the batch path: existing outputs kept unless forced, temp + rename, mode and mtime copied, --min-ratio, --rm
// only when every output is written.
import { closeSync } from 'node:fs';
import type { CodecFile, CodecFileResult, CompressSpec, OutputResult } from '../../workers/compress-protocol.js';
import type { FileRef } from '../../workers/file-protocol.js';
import { namedRef } from '../../workers/file-protocol.js';
import type { InputFile } from '../../workers/open.js';
import { refuseInput } from '../../workers/owner.js';
import { checkOutput, compressOpen, openBig } from './compress-file.js';
import type { BlockFormat } from './container.js';
import type { IoMode } from './options.js';
import { isAbortError } from '../errors.js';
import type { ParioPool } from '../pool/pool.js';
import { runTask } from '../pool/tasks.js';
import type { CodecKind, TaskBase } from '../compress/task.js';
import { decodeParallel } from './codec-decode.js';
import { finish, problemOf } from './codec-result.js';

const BLOCK_FORMAT: Readonly<Record<string, BlockFormat>> = { gzip: 'gzip', deflate: 'zlib', zstd: 'zstd' };

/** How big files are cut: block size (bytes; undefined = the format's default) and the read strategy. */
export interface BigFileSettings {
  readonly blockSize?: number | undefined;
  readonly io?: IoMode | undefined;
}

export async function runBigFile(
  pool: ParioPool, kind: CodecKind, file: CodecFile, task: TaskBase, signal: AbortSignal | undefined, settings: BigFileSettings = {},
): Promise<CodecFileResult[]> {
  if (kind !== 'compress') {
    const framed = await decodeParallel(pool, kind, file, task, signal); // pario's own .zst / indexed .gz: every worker on it
    if (framed !== undefined) return [framed];
    return runTask(pool, kind, { ...task, files: [file], bigFileMin: Infinity, maxBytes: Infinity }, signal);
  }
  const started = performance.now();
  const at = file.at ?? namedRef(file.abs);
  let input: InputFile;
  try {
    input = openBig(file.path, at);
  } catch (error) {
    return [await finish(pool, file, at, task, undefined, [], started, undefined, problemOf(error))];
  }
  try {
    refuseInput(input, task);
  } catch (error) {
    closeSync(input.fd);
    return [await finish(pool, file, at, task, input, [], started, undefined, problemOf(error))];
  }
  try {
    const outputs: OutputResult[] = [];
    let counted: { failed: boolean } | undefined; // a worker task (brotli) already counted this file in the progress
    for (const [i, spec] of task.specs.entries()) {
      const final = file.outputs[i] ?? '';
      const format = BLOCK_FORMAT[spec.algorithm];
      if (format === undefined) {
        // brotli: one streaming task on one worker
        const one: CodecFile = { ...file, outputs: [final], ...pick(file, i) };
        const alone = { ...task, specs: [spec], remove: false, files: [one], bigFileMin: Infinity, maxBytes: Infinity };
        const [result] = await runTask(pool, 'compress', alone, signal);
        if (result === undefined || (!result.ok && result.outputs.length === 0)) return result === undefined ? [] : [result];
        counted = { failed: !result.ok };
        outputs.push(...result.outputs);
        continue;
      }
      outputs.push(await blockOutput(pool, file, i, at, input, spec, format, task, signal, settings));
    }
    return [await finish(pool, file, at, task, input, outputs, started, counted)];
  } finally {
    closeSync(input.fd);
  }
}

/** Output `i` alone, for a task of one algorithm. */
function pick(file: CodecFile, i: number): Partial<CodecFile> {
  const out: { outputsAt?: FileRef[]; owned?: CodecFile['owned'] } = {};
  const ref = file.outputsAt?.[i];
  if (ref !== undefined) out.outputsAt = [ref];
  if (file.owned !== undefined) out.owned = [file.owned[i]];
  return out;
}

async function blockOutput(
  pool: ParioPool, file: CodecFile, i: number, at: FileRef, input: InputFile, spec: CompressSpec, format: BlockFormat, task: TaskBase,
  signal: AbortSignal | undefined, settings: BigFileSettings,
): Promise<OutputResult> {
  const final = file.outputs[i] ?? '';
  const base = { algorithm: spec.algorithm, path: final };
  const out = file.outputsAt?.[i] ?? namedRef(final);
  try {
    if (checkOutput(final, out, input, file.owned?.[i]) === 'exists' && !task.force) {
      return { ...base, bytes: 0, status: 'exists', code: 'EEXIST', message: 'output exists (use -f to replace it)' };
    }
    // --min-ratio is decided inside compressOpen before its rename: a rejected output never replaces an existing one.
    const result = await compressOpen(file.path, input, at, out, {
      format, level: spec.level, pool, signal, minRatio: task.minRatio, fsync: task.fsync, identify: task.identify === true,
      ...(settings.blockSize === undefined ? {} : { blockSize: settings.blockSize }),
      ...(settings.io === undefined ? {} : { io: settings.io }),
    });
    const ino = result.id === undefined ? {} : { ino: result.id.ino };
    return { ...base, bytes: result.bytesOut, status: result.kept ? 'written' : 'larger', ...ino };
  } catch (error) {
    if (isAbortError(error) || signal?.aborted === true) throw error;
    return { ...base, bytes: 0, status: 'failed', ...problemOf(error) };
  }
}

