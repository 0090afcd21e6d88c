import { availableParallelism } from 'node:os';
import { mbPerSecond, summarize } from '../run/stats.js';
import type { CaseResult, EntryResult } from '../run/types.js';

/** One printed row: everything the table, the Markdown and the chart show for one tool of one case. */
export interface Row {
  readonly tool: string;
  readonly pario: boolean;
  readonly status: EntryResult['status'];
  readonly reason?: string;
  readonly medianMs?: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  /** MB/s of input (or items/s for item cases). */
  readonly rate?: number;
  readonly outputBytes?: number;
  readonly rssMiB?: number;
  /** pario ÷ this peer, wall time (below 1: pario is faster). */
  readonly ratio?: number;
  /** Speed-up over the same tool with one worker, and parallel efficiency (scaling). */
  readonly speedup?: number;
  readonly efficiency?: number;
  /** user + sys CPU ÷ (cores × wall), medians. */
  readonly cpuBusy?: number;
  /** (CPU − the codec's own CPU on the same bytes) ÷ files, µs: pario's rows and the xargs anchors. */
  readonly perFileUs?: number;
  readonly note?: string;
}

export interface CaseRows {
  readonly result: CaseResult;
  readonly unit: 'MB/s' | 'items/s';
  readonly rows: readonly Row[];
  /** pario's throughput as a fraction of the physical limit. */
  readonly limitFraction?: number;
}

export function caseRows(result: CaseResult): CaseRows {
  const unit = result.items === undefined ? 'MB/s' : 'items/s';
  const medians = new Map<EntryResult, number>();
  for (const e of result.entries) if (e.status === 'ok' && e.samples.length > 0) medians.set(e, summarize(e.samples).medianMs);
  const parioOf = (pair: string | undefined): number | undefined => {
    const p = result.entries.find((e) => e.pario && e.pair === pair && medians.has(e));
    return p === undefined ? undefined : medians.get(p);
  };
  const oneWorker = (family: string | undefined): number | undefined => {
    const e = result.entries.find((x) => x.family === family && x.workers === 1);
    return e === undefined ? undefined : medians.get(e);
  };
  const cores = availableParallelism();
  const coreRate = result.limit?.coreMbPerSecond;
  /** The codec's own CPU on this entry's bytes: measured for the anchors, from the in-process limit for pario. */
  const codecMs = (e: EntryResult): number | undefined =>
    e.codecCpuMs ?? (e.pario && coreRate !== undefined ? (e.inputBytes ?? result.inputBytes) / 1e6 / coreRate * 1000 : undefined);
  const rows = result.entries.map((e): Row => {
    const base = { tool: e.tool, pario: e.pario, status: e.status, ...(e.reason === undefined ? {} : { reason: e.reason }), ...(e.note === undefined ? {} : { note: e.note }) };
    const median = medians.get(e);
    if (median === undefined) return base;
    const s = summarize(e.samples);
    const rate = result.items === undefined ? mbPerSecond(e.inputBytes ?? result.inputBytes, median) : result.items / (median / 1000);
    const p = e.pario ? undefined : parioOf(e.pair);
    const t1 = e.workers === undefined ? undefined : oneWorker(e.family);
    const speedup = t1 === undefined ? undefined : t1 / median;
    const codec = codecMs(e);
    const files = result.items === undefined && result.inputFiles > 1 ? result.inputFiles : undefined;
    const perFileUs = s.cpuMs === undefined || codec === undefined || files === undefined ? undefined : ((s.cpuMs - codec) * 1000) / files;
    return {
      ...base,
      medianMs: median,
      minMs: s.minMs,
      maxMs: s.maxMs,
      rate,
      ...(e.outputBytes === undefined ? {} : { outputBytes: e.outputBytes }),
      ...(s.rssMiB === undefined ? {} : { rssMiB: s.rssMiB }),
      ...(p === undefined ? {} : { ratio: p / median }),
      ...(speedup === undefined ? {} : { speedup, efficiency: speedup / (e.workers ?? 1) }),
      ...(s.cpuMs === undefined ? {} : { cpuBusy: s.cpuMs / (cores * median) }),
      ...(perFileUs === undefined ? {} : { perFileUs }),
    };
  });
  const best = rows.filter((r) => r.pario && r.rate !== undefined).map((r) => r.rate ?? 0);
  const limit = result.limit;
  const fraction = limit !== undefined && best.length > 0 ? Math.max(...best) / limit.mbPerSecond : undefined;
  return { result, unit, rows, ...(fraction === undefined ? {} : { limitFraction: fraction }) };
}
