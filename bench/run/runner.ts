import { measure } from './measure.js';
import { ParioFailure, isOwn } from './own.js';
import { summarize } from './stats.js';
import type { Case, CaseResult, Entry, EntryResult, Sample } from './types.js';

export interface RunSettings {
  /** Timed runs per entry (after one warm-up run). */
  readonly runs: number;
  readonly warmup: boolean;
  readonly log: (line: string) => void;
}

interface Live {
  readonly entry: Entry;
  readonly samples: Sample[];
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  outputBytes?: number;
  codecCpuMs?: number;
}

/** Right after an entry's last run (before another tool's prepare() cleans shared folders): validate, measure output. */
async function check(live: Live): Promise<void> {
  if (live.status !== 'ok') return;
  const invalid = await live.entry.validate?.().catch((error: unknown) => String(error));
  if (invalid !== undefined) {
    live.status = 'failed';
    live.reason = `invalid output: ${invalid}`;
    return;
  }
  const bytes = await live.entry.outputBytes?.();
  if (bytes !== undefined) live.outputBytes = bytes;
  const codec = await live.entry.codecCpu?.().catch(() => undefined);
  if (codec !== undefined) live.codecCpuMs = codec;
}

async function once(live: Live, timed: boolean): Promise<void> {
  const { entry } = live;
  try {
    await entry.prepare?.();
    const result = await measure(entry.command());
    if (result.code !== 0) {
      live.status = 'failed';
      live.reason = `exit ${String(result.code)}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`;
      return;
    }
    if (timed) live.samples.push({ wallMs: result.wallMs, rssKiB: result.rssKiB, cpuMs: result.cpuMs });
  } catch (error) {
    live.status = 'failed';
    live.reason = error instanceof Error ? error.message : String(error);
  }
}

/** A failed entry of pario's own stops the case and the bench: a renamed flag must not pass as a skipped column. */
function fatal(c: Case, live: Live): void {
  if (live.status === 'failed' && isOwn(live.entry)) throw new ParioFailure(c.id, live.entry.tool, live.reason ?? 'failed');
}

/**
 * Runs every entry of a case on the same input: one warm-up each, then `runs` rounds in which the entries take
 * turns (the starting entry rotates each round, so no tool always runs right after the same other tool).
 * Throws ParioFailure as soon as one of pario's own entries fails; a peer's failure only marks its column.
 */
export async function runCase(c: Case, settings: RunSettings): Promise<CaseResult> {
  settings.log(`▶ ${c.id}: ${c.title}`);
  const lives: Live[] = [];
  for (const entry of c.entries) {
    const reason = await entry.unavailable?.();
    if (reason !== undefined) settings.log(`  skip ${entry.tool}: ${reason}`);
    lives.push(reason === undefined ? { entry, samples: [], status: 'ok' } : { entry, samples: [], status: 'skipped', reason });
  }
  try {
    await c.setup?.();
  } catch (error) {
    const reason = `setup failed: ${error instanceof Error ? error.message : String(error)}`;
    for (const live of lives) if (live.status === 'ok') Object.assign(live, { status: 'failed', reason });
  }
  try {
    for (const live of lives) fatal(c, live);
    const active = (): Live[] => lives.filter((l) => l.status === 'ok');
    if (settings.warmup) {
      for (const live of active()) {
        await once(live, false);
        fatal(c, live);
      }
    }
    for (let round = 0; round < settings.runs; round += 1) {
      const order = active();
      for (let i = 0; i < order.length; i += 1) {
        const live = order[(i + round) % order.length];
        if (live === undefined || live.status !== 'ok') continue;
        await once(live, true);
        if (round === settings.runs - 1) await check(live);
        fatal(c, live);
      }
    }
    const results: EntryResult[] = [];
    for (const live of lives) {
      if (live.status === 'failed') settings.log(`  FAILED ${live.entry.tool}: ${live.reason ?? ''}`);
      const base = { tool: live.entry.tool, pario: live.entry.pario === true, status: live.status, samples: live.samples };
      const { outputBytes, codecCpuMs } = live;
      results.push({
        ...base,
        ...(live.reason === undefined ? {} : { reason: live.reason }),
        ...(outputBytes === undefined ? {} : { outputBytes }),
        ...(codecCpuMs === undefined ? {} : { codecCpuMs }),
        ...(live.entry.note === undefined ? {} : { note: live.entry.note }),
        ...(live.entry.inputBytes === undefined ? {} : { inputBytes: live.entry.inputBytes }),
        ...(live.entry.pair === undefined ? {} : { pair: live.entry.pair }),
        ...(live.entry.family === undefined ? {} : { family: live.entry.family }),
        ...(live.entry.workers === undefined ? {} : { workers: live.entry.workers }),
      });
      if (live.status === 'ok') {
        const s = summarize(live.samples);
        settings.log(`  ${live.entry.tool.padEnd(28)} median ${s.medianMs.toFixed(0).padStart(7)} ms`);
      }
    }
    const limit = await c.limit?.();
    return {
      group: c.group,
      id: c.id,
      title: c.title,
      inputBytes: c.inputBytes,
      inputFiles: c.inputFiles,
      ...(c.items === undefined ? {} : { items: c.items }),
      entries: results,
      ...(limit === undefined ? {} : { limit }),
    };
  } finally {
    await c.teardown?.();
  }
}
