// The shared run loop of `pario compress`, `decompress` and `test`: results → stderr messages, NDJSON, summary, exit code.
import { withPool } from '../../compress/api.js';
import { jsonEvent, jsonSummary, resultMessages, summaryLine } from '../../compress/format.js';
import type { ResolvedCompressOptions } from '../../compress/options.js';
import { SummaryBuilder } from '../../compress/result.js';
import type { CodecKind } from '../../compress/task.js';
import { parseSize as parseCronSize } from '../../cron/units.js';
import { ParioError } from '../../errors.js';
import { createPool } from '../../pool/pool.js';
import { wantsProgress } from '../base-options.js';
import { EXIT } from '../context.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { write } from '../output.js';
import { startProgress } from '../progress-line.js';

const VERBS: Record<CodecKind, string> = { compress: 'compressed', decompress: 'decompressed', test: 'tested' };

export async function runCodecCli(kind: CodecKind, patterns: readonly string[], options: () => ResolvedCompressOptions, g: GlobalOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  let o: ResolvedCompressOptions;
  try {
    o = options();
  } catch (error) {
    if (error instanceof ParioError && error.code === 'ERR_PARIO_ZSTD_UNAVAILABLE') {
      io.stderr.write(`pario: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const pool = createPool(o.jobs);
  const stop = startProgress(io.stderr, { snapshot: () => pool.progress.snapshot() }, wantsProgress(g));
  const summary = new SummaryBuilder();
  const quiet = g.quiet === true;
  try {
    for await (const result of withPool(kind, patterns, o, pool)) {
      summary.add(result);
      const messages = resultMessages(result, quiet || g.json === true);
      if (messages.length > 0) io.stderr.write(`${io.stderr.isTTY === true ? '\r\x1b[K' : ''}${messages.join('\n')}\n`);
      if (g.json === true) await write(io.stdout, `${jsonEvent(result)}\n`);
    }
  } finally {
    stop();
    await pool.close();
  }
  const done = summary.summary();
  if (g.json === true) await write(io.stdout, `${jsonSummary(done)}\n`);
  else if (!quiet) await write(io.stdout, `${summaryLine(VERBS[kind], done)}\n`);
  if (kind === 'test' && done.ok === 0 && done.failed === 0 && !quiet) io.stderr.write('pario: no file was tested\n');
  return done.failed > 0 ? EXIT.failures : EXIT.ok;
}

/** "4096", "64k", "1M", "2G" → bytes (the same units as the cron flags). */
export function parseSize(value: string): number {
  return parseCronSize('size', value);
}
