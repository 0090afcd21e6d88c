// The result of one big file (compress on its blocks, decompress or test on its frames): output failures and
// refusals as a per-file problem, the input removed (--rm) only when every output was written, counted once.
import type { CodecFile, CodecFileResult, OutputResult } from '../../workers/compress-protocol.js';
import type { FileRef } from '../../workers/file-protocol.js';
import type { InputFile } from '../../workers/open.js';
import { removeInput } from '../../workers/remove.js';
import type { ParioPool } from '../pool/pool.js';
import type { TaskBase } from '../compress/task.js';

type Problem = { readonly code: string; readonly message: string };

/** A failure's code and message (the message without the path it starts with). */
export function problemOf(error: unknown): Problem {
  const e = error as { code?: unknown; fileCode?: unknown; message?: unknown };
  const code = typeof e.fileCode === 'string' ? e.fileCode : typeof e.code === 'string' ? e.code : 'ERR_PARIO_JOB';
  return { code, message: String(e.message ?? error).replace(/^[^:]*: /, '') };
}

/** The file's result from its outputs; `counted`: a task already counted the file (and its failure, if it failed). */
export async function finish(
  pool: ParioPool, file: CodecFile, at: FileRef, task: TaskBase, input: InputFile | undefined, outputs: OutputResult[], started: number,
  counted: { failed: boolean } | undefined, refused?: { code: string; message: string },
): Promise<CodecFileResult> {
  const failed = outputs.find((o) => o.status === 'failed');
  let removed = false;
  const output = failed === undefined ? undefined : { code: failed.code ?? 'ERR_PARIO_JOB', message: failed.message ?? 'failed' };
  let problem = refused ?? output;
  if (task.remove && input !== undefined && problem === undefined && outputs.length > 0 && outputs.every((o) => o.status === 'written')) {
    try {
      removeInput(at, input); // only if the name still names the file that was read
      removed = true;
    } catch (error) {
      problem = problemOf(error);
    }
  }
  // Files and failures count once: a brotli task has counted the file (and its own failure) already.
  pool.progress.add(counted === undefined ? 1 : 0, 0, 0, problem !== undefined && counted?.failed !== true ? 1 : 0);
  const ms = performance.now() - started;
  return { ok: problem === undefined, path: file.path, bytesIn: input?.size ?? 0, ms, outputs, removed, ...problem };
}
