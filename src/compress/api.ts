// The library API: compressFiles, decompressFiles, testFiles, each an AsyncIterable of per-file results.
import { checkPatterns } from '../options.js';
import type { Pario } from '../pario.js';
import { onHandle, poolOf } from '../pool/handles.js';
import { ungroup } from '../pool/groups.js';
import { createPool } from '../pool/pool.js';
import type { ParioPool } from '../pool/pool.js';
import { runCodec } from './engine.js';
import type { CodecCron } from './engine.js';
import { normalizeCompressOptions } from './options.js';
import type { CompressOptions, ResolvedCompressOptions } from './options.js';
import { SummaryBuilder } from './result.js';
import type { CompressResult, CompressSummary } from './result.js';
import { codecModules } from './task.js';
import type { CodecKind } from './task.js';

/**
 * Compresses every matching file to each of `options.algorithms` (default gzip), reading each input once. Outputs go
 * beside the inputs (or under `outDir`) through a temp file renamed into place. Options are checked now.
 */
export function compressFiles(patterns: string | readonly string[], options?: CompressOptions): AsyncIterable<CompressResult> {
  return start('compress', patterns, options);
}

/** Decompresses .gz .zz .br .zst (.tgz .tzst) files beside themselves (or under `outDir`); format from magic bytes. */
export function decompressFiles(patterns: string | readonly string[], options?: CompressOptions): AsyncIterable<CompressResult> {
  return start('decompress', patterns, options);
}

/** Checks that every matching file decompresses completely; writes nothing. */
export function testFiles(patterns: string | readonly string[], options?: CompressOptions): AsyncIterable<CompressResult> {
  return start('test', patterns, options);
}

/** Drains results into a summary (what the CLI prints at the end). */
export async function summarize(results: AsyncIterable<CompressResult>): Promise<CompressSummary> {
  const summary = new SummaryBuilder();
  for await (const result of results) summary.add(result);
  return summary.summary();
}

function start(kind: CodecKind, patterns: string | readonly string[], options: CompressOptions | undefined): AsyncIterable<CompressResult> {
  const list = checkPatterns(patterns);
  const { pool, rest } = onHandle(options);
  return ungroup(withPool(kind, list, normalizeCompressOptions(rest), pool));
}

/**
 * compress, decompress or test on the threads of `pario` (a createPario handle, kept warm unless the run stops early)
 * or on threads of its own; `cron`: an incremental run (a manifest, filters, a share).
 */
export function codecFiles(
  kind: CodecKind, patterns: readonly string[], o: ResolvedCompressOptions, pario?: Pario, cron?: CodecCron,
): AsyncGenerator<CompressResult> {
  return ungroup(codecChunks(kind, patterns, o, pario, cron));
}

/** codecFiles, with the results a finished task settles handed on together (the CLI's loop: one step a task). */
export function codecChunks(
  kind: CodecKind, patterns: readonly string[], o: ResolvedCompressOptions, pario?: Pario, cron?: CodecCron,
): AsyncGenerator<CompressResult[]> {
  return withPool(kind, patterns, o, pario === undefined ? undefined : poolOf(pario), cron);
}

/** Runs on a given warm pool (or one of its own, ended at the end). */
export async function* withPool(
  kind: CodecKind, patterns: readonly string[], o: ResolvedCompressOptions, given?: ParioPool, cron?: CodecCron,
): AsyncGenerator<CompressResult[]> {
  const pool = given ?? createPool(o.jobs, codecModules(kind));
  let ok = false;
  try {
    yield* runCodec(pool, kind, patterns, o, cron);
    ok = true;
  } finally {
    if (given === undefined || !ok) await (ok ? pool.close() : pool.destroy());
  }
}
