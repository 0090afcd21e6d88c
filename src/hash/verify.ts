// verify(): a check file's lines checked on every core, as a report (the library's `pario check`).
import { resolve } from 'node:path';
import { OptionError } from '../errors.js';
import { checkObject, resolveBase, type BaseOptions } from '../options.js';
import { onHandle } from '../pool/handles.js';
import { createPool } from '../pool/pool.js';
import { readChunks } from '../read/whole.js';
import { blake2bKind, isAlgorithm, type Algorithm } from '../../workers/algorithms.js';
import { checkEventChunks, type CheckEvent } from './check.js';
import { streamCheckChunks } from './check-lines.js';
import type { VerifyOptions } from './options.js';

export type CheckedFile = Extract<CheckEvent, { kind: 'file' }>;

export interface VerifyReport {
  /** What `sha256sum -c` would exit 0 for: lines found, every listed file read and matching. */
  readonly ok: boolean;
  readonly files: readonly CheckedFile[];
  /** Line numbers of improperly formatted lines. */
  readonly malformed: readonly number[];
}

/**
 * Verifies a check file (sha256sum, b3sum, BSD-tag or pario lines) on all cores. Names in it are relative to
 * `cwd`. Resolves with every file's status; rejects only when the check file itself cannot be read.
 */
export async function verify(manifestPath: string, options?: VerifyOptions): Promise<VerifyReport> {
  if (typeof manifestPath !== 'string' || manifestPath === '') throw new OptionError('manifestPath', 'a non-empty string', manifestPath);
  const { pool: given, rest: o } = onHandle(checkObject(options));
  const base = resolveBase(o as BaseOptions);
  const algorithm = o['algorithm'];
  if (algorithm !== undefined && !isAlgorithm(algorithm)) throw new OptionError('algorithm', 'a known algorithm name', algorithm);
  const length = o['length'];
  if (length !== undefined && (typeof length !== 'number' || blake2bKind(length) === undefined)) {
    throw new OptionError('length', 'a multiple of 8 from 8 to 512', length);
  }
  if (length !== undefined && algorithm !== undefined && algorithm !== 'blake2b') {
    throw new OptionError('length', 'given with algorithm blake2b only', length);
  }
  const ignoreMissing = o['ignoreMissing'] === true;
  const chunks = await readChunks(resolve(base.cwd, manifestPath), { signal: base.signal });
  const pool = given ?? createPool(base.jobs, ['hash']);
  const files: CheckedFile[] = [];
  const malformed: number[] = [];
  try {
    const kind = (algorithm ?? (length === undefined ? undefined : 'blake2b')) as Algorithm | undefined;
    const options = { cwd: base.cwd, algorithm: kind, length, signal: base.signal };
    for await (const events of checkEventChunks(pool, streamCheckChunks(chunks, options), options)) {
      for (const event of events) {
        if (event.kind === 'malformed') malformed.push(event.line);
        else if (!(ignoreMissing && event.status === 'missing')) files.push(event);
      }
    }
  } finally {
    if (given === undefined) await pool.destroy();
  }
  const ok = files.some((f) => f.status === 'ok') && files.every((f) => f.status === 'ok');
  return { ok, files, malformed };
}
