// The shared run loop of `pario compress`, `decompress` and `test`: results → stderr messages, NDJSON, summary, exit code.
import { SummaryBuilder, codecChunks, decompressedName, skipForCompress } from '../../compress/index.js';
import type { CodecKind, CompressResult, ResolvedCompressOptions } from '../../compress/index.js';
import { ParioError } from '../../errors.js';
import { codecPreload } from '../../system/index.js';
import { wantsProgress } from '../base-options.js';
import { EXIT, handleFor } from '../context.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { jsonEvent, jsonSummary, resultMessages, summaryLine } from '../codec-format.js';
import { formatBytes, ignoredSuffix, write } from '../output.js';
import { loadManifest } from '../../runs/index.js';
import type { FileEvent, Planned } from '../../runs/index.js';
import { ignoredTotals } from '../../planner/index.js';
import { cronSettings } from '../cron-options.js';
import type { CronFlags, CronSettings } from '../cron-options.js';
import { withCronRun } from '../cron-run.js';
import type { CronOutcome, CronState } from '../cron-run.js';
import { startProgress } from '../progress-line.js';
import { countAhead } from '../progress-count.js';

const VERBS: Record<CodecKind, string> = { compress: 'compressed', decompress: 'decompressed', test: 'tested' };

export async function runCodecCli(
  kind: CodecKind, patterns: readonly string[], options: () => ResolvedCompressOptions, g: GlobalOptions, ctx: CliContext,
  cronFlags?: CronFlags,
): Promise<number> {
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
  if (cronFlags === undefined) return (await runLoop(kind, patterns, o, g, ctx)).code;
  const settings = cronSettings(cronFlags, o.cwd, true);
  if (settings.dryRun) return dryRun(kind, patterns, o, settings, ctx);
  return withCronRun(settings, kind, ctx, (state) => runLoop(kind, patterns, o, g, ctx, state, settings));
}

async function runLoop(
  kind: CodecKind, patterns: readonly string[], o: ResolvedCompressOptions, g: GlobalOptions, ctx: CliContext,
  state?: CronState, settings?: CronSettings,
): Promise<CronOutcome> {
  const { io } = ctx;
  // A rerun (a manifest with entries) may find nothing to do: its threads start with the first file that needs one. A
  // first run (no manifest yet: an empty one) starts them at once.
  const pario = await handleFor(ctx, o.jobs, codecPreload(kind), (state?.previous?.entries.size ?? 0) > 0);
  const shard = settings?.selection.shard;
  const source = { snapshot: () => pario.progress(), totals: () => countAhead(patterns, o, shard, counted(kind, o)) };
  const line = startProgress(io, source, wantsProgress(g));
  const summary = new SummaryBuilder();
  const quiet = g.quiet === true;
  // Files a filter leaves out are done too (a share's other files are not counted at all).
  const onPlanned = (p: Planned): void => void (p.kind === 'filtered' && p.reason !== 'shard' && line.done(p.file.path, false));
  const builder = settings?.manifestPath === undefined ? {} : { builder: state?.builder };
  const cron = state === undefined || settings === undefined
    ? undefined
    : { selection: settings.selection, previous: state.previous, onPlanned, ...builder };
  try {
    const json = g.json === true;
    for await (const results of codecChunks(kind, patterns, o, pario, cron)) {
      let events = '';
      for (const result of results) {
        summary.add(result);
        if (result.reason !== 'compressed' && result.reason !== 'suffix') line.done(result.path, result.status !== 'skipped');
        state?.recorder.file(fileEvent(result));
        const messages = resultMessages(result, quiet || json);
        if (messages.length > 0) {
          if (events !== '') await write(io.stdout, events); // the lines before it first, in order with stderr's
          events = '';
          line.err.write(`${messages.join('\n')}\n`);
        }
        if (json) events += `${jsonEvent(result)}\n`;
      }
      if (events !== '') await write(io.stdout, events);
    }
  } finally {
    line.stop();
    await pario.close();
  }
  const done = { ...summary.summary(), ...ignoredTotals(o.ignore) };
  if (g.json === true) await write(io.stdout, `${jsonSummary(done)}\n`);
  else if (!quiet) await write(io.stdout, `${summaryLine(VERBS[kind], done)}\n`);
  if (kind === 'test' && done.ok === 0 && done.failed === 0 && !quiet) io.stderr.write('pario: no file was tested\n');
  const progress = pario.progress();
  return {
    code: done.failed > 0 ? EXIT.failures : EXIT.ok,
    totals: {
      bytesIn: done.bytesIn,
      bytesOut: done.bytesOut,
      bytesRead: progress.bytesRead,
      failed: done.failed,
      ...ignoredTotals(o.ignore),
    },
  };
}

function fileEvent(result: CompressResult): FileEvent {
  return {
    path: result.path,
    status: result.status === 'skipped' ? `skipped:${result.reason ?? ''}` : result.status,
    bytesIn: result.bytesIn,
    bytesOut: result.bytesOut,
    ...(result.code === undefined ? {} : { code: result.code, message: result.message }),
  };
}

/**
 * The inputs the progress line counts: not those whose name the run skips (compress: compressed formats, its own
 * outputs; decompress and test: no known suffix), or the outputs a compress run writes beside its inputs would swell
 * the total when the count walks into a folder after the run.
 */
function counted(kind: CodecKind, o: ResolvedCompressOptions): (path: string) => boolean {
  return kind === 'compress'
    ? (path) => skipForCompress(path, undefined, o.force, 0) !== 'compressed'
    : (path) => decompressedName(path) !== null;
}

/** -n: what would be compressed (and deleted with --rm), what is unchanged or filtered, with byte totals; touches nothing. */
async function dryRun(
  kind: CodecKind, patterns: readonly string[], o: ResolvedCompressOptions, settings: CronSettings, ctx: CliContext,
): Promise<number> {
  const previous = settings.manifestPath === undefined ? undefined : await loadManifest(settings.manifestPath, kind);
  const counts = { run: 0, runBytes: 0, unchanged: 0, filtered: 0 };
  const lines: string[] = [];
  const onPlanned = (p: Planned): void => {
    if (p.kind === 'filtered') counts.filtered += 1;
    else if (p.kind === 'unchanged') counts.unchanged += 1;
    else {
      counts.run += 1;
      counts.runBytes += p.file.stat?.size ?? 0;
      lines.push(`would ${kind} ${p.file.path}${o.remove ? ' (then delete it)' : ''}\n`);
    }
  };
  const pario = await handleFor(ctx, 1, codecPreload(kind), true); // a dry run plans, and sends no task
  try {
    const cron = { selection: settings.selection, previous, onPlanned, dryRun: true };
    for await (const _ of codecChunks(kind, patterns, o, pario, cron)) void _;
  } finally {
    await pario.destroy();
  }
  for (const line of lines) await write(ctx.io.stdout, line);
  const deleted = o.remove ? `, would delete ${counts.run} originals` : '';
  const rest = `${counts.unchanged} unchanged, ${counts.filtered} left out by filters${ignoredSuffix(ignoredTotals(o.ignore))}`;
  await write(ctx.io.stdout, `dry run: would ${kind} ${counts.run} files (${formatBytes(counts.runBytes)})${deleted}, ${rest}\n`);
  return EXIT.ok;
}

