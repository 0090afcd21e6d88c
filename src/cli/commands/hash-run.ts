// `pario hash` at work (loaded only when the command runs): sorted checksum lines, --update, -n.
import { DEFAULT_ALGORITHM } from '../../flags/index.js';
import { errnoText, formatJson, formatLines, hashChunksOn, hashStream, planHash, quoteName, resolveHashOptions } from '../../hash/index.js';
import type { HashFileResult, IncrementalResult, LineFormat, ResolvedHashOptions } from '../../hash/index.js';
import { baseOptions, wantsProgress } from '../base-options.js';
import { EXIT, handleFor, type CliContext, type GlobalOptions, type Output } from '../context.js';
import { formatBytes, ignoredSuffix, loopTurn, write } from '../output.js';
import { startProgress, type ProgressLine } from '../progress-line.js';
import { countAhead, type Totals } from '../progress-count.js';
import { loadManifest, writeAtomic } from '../../runs/index.js';
import { cronSettings, type CronFlags, type CronSettings } from '../cron-options.js';
import { withCronRun } from '../cron-run.js';
import { abortable, ignoredTotals } from '../../planner/index.js';
import { resolve } from 'node:path';
import { causeOf, isSystemError } from '../../errors.js';
import { digestKinds, type HashCliOptions } from './hash-options.js';
import { rawChunk } from '../../system/index.js';

export async function runHash(
  files: readonly string[], g: GlobalOptions & HashCliOptions & CronFlags & { update?: string }, ctx: CliContext,
): Promise<number> {
  const { io } = ctx;
  const algorithms = digestKinds(g, DEFAULT_ALGORITHM);
  if (typeof algorithms === 'string') {
    io.stderr.write(`pario: ${algorithms}\n`);
    return EXIT.usage;
  }
  const format: LineFormat = { tag: g.tag === true, binary: g.binary === true && g.tag !== true, zero: g.zero === true };
  const { jobs: _jobs, ...base } = baseOptions(g, ctx.signal);
  const o = resolveHashOptions({ ...base, ...(g.jobs === undefined ? {} : { jobs: g.jobs }), algorithms });
  const manifest = g.manifest ?? (g.update === undefined ? undefined : `${g.update}.pario.json`);
  const settings = cronSettings({ ...g, manifest }, o.cwd);
  const list = files.length === 0 ? ['-'] : files;
  const named = list.filter((f) => f !== '-');
  if (settings.dryRun) return dryRun(named, o, settings, ctx);
  return withCronRun(settings, 'hash', ctx, async (state) => {
    // With --update the lines go to SUMS (atomically, at the end); otherwise to stdout as they come, in order.
    const out: Output = g.update === undefined ? io.stdout : collector();
    const render = (result: HashFileResult & { ok: true }): string =>
      g.json === true ? formatJson(result.path, result.size, result.digests) : formatLines(algorithms, result.digests, result.path, format);
    let failed = 0;
    let bytes = 0;
    let pending = '';
    let line: ProgressLine | undefined;
    const flush = async (): Promise<void> => {
      if (pending === '') return;
      await write(out === io.stdout ? (line?.out ?? out) : out, pending);
      pending = '';
      await loopTurn(); // a signal that came while stdout was full is seen before the next piece
    };
    const emit = async (result: IncrementalResult): Promise<void> => {
      // The report counts every result the manifest already holds; after a signal, results held back while stdout
      // was full are not printed (the retry prints them).
      state.recorder.file(result.ok
        ? { path: result.path, status: result.cached === true ? 'unchanged' : 'hashed', bytes: result.size }
        : { path: result.path, status: 'failed', code: result.error.code, message: result.error.message });
      ctx.signal.throwIfAborted();
      line?.done(result.path, !(result.ok && result.cached === true));
      if (result.ok) {
        if (result.cached !== true) bytes += result.size;
        pending += render(result);
        if (pending.length >= 1 << 16) await flush();
        return;
      }
      failed += 1;
      await flush();
      (line?.err ?? io.stderr).write(`pario: ${quoteName(result.path)}: ${errnoText(result.error.code, result.error.message)}\n`);
      if (g.json === true) pending += `${JSON.stringify({ path: result.path, error: result.error })}\n`;
    };
    if (named.length > 0) {
      const pario = await handleFor(ctx, o.jobs, ['hash', 'stat'], (state.previous?.entries.size ?? 0) > 0); // a rerun may hash nothing
      const totals = (): Totals => countAhead(named, o, settings.selection.shard);
      line = startProgress(io, { snapshot: () => pario.progress(), totals }, wantsProgress(g));
      const onFiltered = (path: string, reason: string): void => void (reason !== 'shard' && line?.done(path, false));
      try {
        const cron = { selection: settings.selection, previous: state.previous, builder: state.builder, onFiltered };
        for await (const results of hashChunksOn(pario, named, o, cron)) for (const result of results) await emit(result);
      } finally {
        line.stop();
        line = undefined;
        await pario.destroy();
      }
    }
    if (named.length < list.length) {
      if (io.stdin === undefined) throw new Error('no standard input to hash');
      await emit(await hashStream(abortable(io.stdin as AsyncIterable<Uint8Array>, ctx.signal), algorithms));
    }
    await flush();
    const sums = g.update === undefined ? undefined : resolve(o.cwd, g.update);
    if (sums !== undefined && !(await writeSums(sums, (out as ReturnType<typeof collector>).text(), ctx))) failed += 1;
    return { code: failed > 0 ? EXIT.failures : EXIT.ok, totals: { bytesRead: bytes, failed, ...ignoredTotals(o.ignore) } };
  });
}

/** -n: which files would be hashed and which are unchanged, with byte totals; reads and writes nothing. */
async function dryRun(named: readonly string[], o: ResolvedHashOptions, settings: CronSettings, ctx: CliContext): Promise<number> {
  const previous = settings.manifestPath === undefined ? undefined : await loadManifest(settings.manifestPath, 'hash');
  let filtered = 0;
  const planned = await planHash(named, o, { selection: settings.selection, previous, onFiltered: () => void (filtered += 1) }, true);
  let hash = 0;
  let hashBytes = 0;
  for (const p of planned) {
    if (p.kind !== 'run') continue;
    hash += 1;
    hashBytes += p.file.stat?.size ?? 0;
    await write(ctx.io.stdout, `would hash ${quoteName(p.file.path)}\n`);
  }
  const rest = `${planned.length - hash} unchanged, ${filtered} left out by filters${ignoredSuffix(ignoredTotals(o.ignore))}`;
  await write(ctx.io.stdout, `dry run: would hash ${hash} files (${formatBytes(hashBytes)}), ${rest}\n`);
  return EXIT.ok;
}

/** --update SUMS: written atomically; a failure (a full disk) is one line, and the run's report is still written. */
async function writeSums(path: string, text: string, ctx: CliContext): Promise<boolean> {
  try {
    await writeAtomic(path, rawChunk(text)); // names that are not UTF-8 as their bytes, as on stdout
    return true;
  } catch (error) {
    if (!isSystemError(error)) throw error;
    ctx.io.stderr.write(`pario: ${path}: cannot write: ${causeOf(error)}\n`);
    return false;
  }
}

function collector(): Output & { text(): string } {
  const parts: string[] = [];
  return { write: (chunk) => (parts.push(String(chunk)), true), text: () => parts.join('') };
}
