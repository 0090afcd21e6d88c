// Public per-file results of compressFiles / decompressFiles / testFiles, and the summary they add up to.
import type { CodecFileResult, OutputResult } from '../../workers/compress-protocol.js';
import type { FailedFile } from '../results.js';
import type { SkipReason } from './skips.js';

export type { OutputResult };

export interface CompressResult {
  /**
   * false when the file failed: `error` then says why, in the shape every per-file result of pario has (readFiles,
   * mapFiles, hashFiles). `status`, `code` and `message` say the same, and `status` also tells ok from skipped.
   */
  readonly ok: boolean;
  readonly error?: FailedFile['error'];
  /** The input as the user would print it. */
  readonly path: string;
  /** ok: every output written (or tested); skipped: nothing to do; failed: see code and message. */
  readonly status: 'ok' | 'skipped' | 'failed';
  /**
   * Why a file was skipped: an already-compressed extension, under --min-size, no known suffix, outputs exist, or outputs not
   * smaller enough.
   */
  readonly reason?: SkipReason | 'exists' | 'larger';
  readonly bytesIn: number;
  /** Sum of the bytes of the outputs written (decompressed bytes for test). */
  readonly bytesOut: number;
  readonly ms: number;
  readonly outputs: readonly OutputResult[];
  /** The input was deleted (--rm). */
  readonly removed: boolean;
  readonly code?: string;
  readonly message?: string;
}

export interface CompressSummary {
  readonly files: number;
  readonly ok: number;
  readonly skipped: number;
  readonly failed: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly ms: number;
  /** Files and folders that ignore rules (ignoreFiles, gitignore) left out: never reached, so not in `files`. */
  readonly ignoredFiles?: number;
  readonly ignoredFolders?: number;
}

export function fromWorker(result: CodecFileResult): CompressResult {
  const { ok, path, bytesIn, ms, outputs, removed, code, message } = result;
  const bytesOut = outputs.reduce((sum, o) => sum + (o.status === 'written' || o.status === 'tested' ? o.bytes : 0), 0);
  const allExist = outputs.length > 0 && outputs.every((o) => o.status === 'exists' || o.status === 'larger');
  const base = { path, bytesIn, bytesOut, ms, outputs, removed };
  if (!ok) return failedWith({ ...base, code: code ?? 'ERR_PARIO_JOB', message: message ?? 'failed' });
  if (allExist) return { ...base, ok: true, status: 'skipped', reason: outputs.some((o) => o.status === 'exists') ? 'exists' : 'larger' };
  return { ...base, ok: true, status: 'ok' };
}

export function skipped(path: string, reason: SkipReason, size = 0): CompressResult {
  return { ok: true, path, status: 'skipped', reason, bytesIn: size, bytesOut: 0, ms: 0, outputs: [], removed: false };
}

export function failed(path: string, code: string, message: string): CompressResult {
  return failedWith({ path, bytesIn: 0, bytesOut: 0, ms: 0, outputs: [], removed: false, code, message });
}

type FailedFields = Omit<CompressResult, 'ok' | 'error' | 'status' | 'code' | 'message'> & { code: string; message: string };

function failedWith(fields: FailedFields): CompressResult {
  const { code, message } = fields;
  return { ...fields, ok: false, status: 'failed', error: { name: 'FileError', code, message } };
}

/** Adds results up into a CompressSummary; the time runs from its creation. */
export class SummaryBuilder {
  private readonly sum = { files: 0, ok: 0, skipped: 0, failed: 0, bytesIn: 0, bytesOut: 0 };
  private readonly start = performance.now();

  add(result: CompressResult): void {
    const sum = this.sum;
    sum.files += 1;
    sum[result.status] += 1;
    if (result.status === 'ok') {
      sum.bytesIn += result.bytesIn;
      sum.bytesOut += result.bytesOut;
    }
  }

  summary(): CompressSummary {
    return { ...this.sum, ms: performance.now() - this.start };
  }
}
