// The big-file path: files of BIG_FILE_MIN and more leave the batches. gzip, deflate (.zz) and zstd outputs are
// made block-parallel by every worker of the shared pool (src/bigfile: pigz's method; zstd frames); brotli cannot be
// split, so it stays one streaming worker task with bounded memory. Same rules as the batch path: existing outputs
// kept unless forced, temp + rename, mode and mtime copied, --min-ratio, --rm only when every output is written.
import { lstat, unlink } from 'node:fs/promises';
import type { CodecFile, CodecFileResult, CompressSpec, OutputResult } from '../../workers/compress-protocol.js';
import { compressFile } from '../bigfile/compress-file.js';
import type { BlockFormat } from '../bigfile/format.js';
import type { IoMode } from '../bigfile/options.js';
import { isAbortError } from '../errors.js';
import type { ParioPool } from '../pool/pool.js';
import type { CodecKind, TaskBase } from './task.js';

const BLOCK_FORMAT: Readonly<Record<string, BlockFormat>> = { gzip: 'gzip', deflate: 'zlib', zstd: 'zstd' };

/** How big files are cut: block size (bytes; undefined = the format's default) and the read strategy. */
export interface BigFileSettings {
  readonly blockSize?: number | undefined;
  readonly io?: IoMode | undefined;
}

export async function runBigFile(
  pool: ParioPool, kind: CodecKind, file: CodecFile, size: number, task: TaskBase, signal: AbortSignal | undefined, settings: BigFileSettings = {},
): Promise<CodecFileResult[]> {
  if (kind !== 'compress') return pool.run<CodecFileResult[]>(kind, { ...task, files: [file], bigFileMin: Infinity, maxBytes: Infinity }, { signal });
  const started = performance.now();
  const outputs: OutputResult[] = [];
  let counted: { failed: boolean } | undefined; // a worker task (brotli) already counted this file in the progress
  for (const [i, spec] of task.specs.entries()) {
    const final = file.outputs[i] ?? '';
    const format = BLOCK_FORMAT[spec.algorithm];
    if (format === undefined) {
      // brotli: one streaming task on one worker
      const [result] = await pool.run<CodecFileResult[]>('compress', { ...task, specs: [spec], remove: false, files: [{ ...file, outputs: [final] }], bigFileMin: Infinity, maxBytes: Infinity }, { signal });
      if (result === undefined || (!result.ok && result.outputs.length === 0)) return result === undefined ? [] : [result];
      counted = { failed: !result.ok };
      outputs.push(...result.outputs);
      continue;
    }
    outputs.push(await blockOutput(pool, file, final, spec, format, task, signal, settings));
  }
  return [await finish(pool, file, task, size, outputs, started, counted)];
}

async function blockOutput(
  pool: ParioPool, file: CodecFile, final: string, spec: CompressSpec, format: BlockFormat, task: TaskBase, signal: AbortSignal | undefined,
  settings: BigFileSettings,
): Promise<OutputResult> {
  const base = { algorithm: spec.algorithm, path: final };
  try {
    const existing = await lstat(final).catch(() => undefined);
    if (existing?.isDirectory() === true) return { ...base, bytes: 0, status: 'failed', code: 'EISDIR', message: 'output name is a directory' };
    if (existing !== undefined && !task.force && file.replace !== true) return { ...base, bytes: existing.size, status: 'exists' };
    // --min-ratio is decided inside compressFile before its rename: a rejected output never replaces an existing one.
    const result = await compressFile(file.abs, {
      output: final, overwrite: task.force || file.replace === true, format, level: spec.level, pool, signal, minRatio: task.minRatio, fsync: task.fsync,
      ...(settings.blockSize === undefined ? {} : { blockSize: settings.blockSize }),
      ...(settings.io === undefined ? {} : { io: settings.io }),
    });
    return { ...base, bytes: result.bytesOut, status: result.kept ? 'written' : 'larger' };
  } catch (error) {
    if (isAbortError(error) || signal?.aborted === true) throw error;
    const e = error as { code?: unknown; fileCode?: unknown; message?: unknown };
    const code = typeof e.fileCode === 'string' ? e.fileCode : typeof e.code === 'string' ? e.code : 'ERR_PARIO_JOB';
    const message = String(e.message ?? error).replace(/^[^:]*: /, '');
    return { ...base, bytes: 0, status: 'failed', code, message };
  }
}

async function finish(
  pool: ParioPool, file: CodecFile, task: TaskBase, bytesIn: number, outputs: OutputResult[], started: number, counted: { failed: boolean } | undefined,
): Promise<CodecFileResult> {
  const failed = outputs.find((o) => o.status === 'failed');
  let removed = false;
  let problem = failed === undefined ? undefined : { code: failed.code ?? 'ERR_PARIO_JOB', message: failed.message ?? 'failed' };
  if (task.remove && problem === undefined && outputs.length > 0 && outputs.every((o) => o.status === 'written')) {
    try {
      await unlink(file.abs);
      removed = true;
    } catch (error) {
      problem = { code: (error as NodeJS.ErrnoException).code ?? 'ERR_PARIO_JOB', message: (error as Error).message };
    }
  }
  // Files and failures count once: a brotli task has counted the file (and its own failure) already.
  pool.progress.add(counted === undefined ? 1 : 0, 0, 0, problem !== undefined && counted?.failed !== true ? 1 : 0);
  return { ok: problem === undefined, path: file.path, bytesIn, ms: performance.now() - started, outputs, removed, ...problem };
}
