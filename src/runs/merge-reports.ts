// `pario manifest merge r1.json … rN.json`: the per-share `--report` files of a sharded run summed into one.
import { ParioError } from '../errors.js';
import { compareNames } from '../planner/walk.js';

interface ShareInfo {
  readonly index: number;
  readonly count: number;
  readonly engine?: string;
}

interface ErrorEntry {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** What `--report FILE` holds (see report.ts); the numbers beside `counts` (bytesRead, bytesIn, …) are summed. */
export interface RunReport {
  readonly pario: string;
  readonly command: string;
  readonly status: string;
  readonly started: string;
  readonly finished: string;
  readonly shard?: ShareInfo;
  readonly counts: Record<string, number>;
  readonly errors: readonly ErrorEntry[];
  readonly [key: string]: unknown;
}

/** True for the JSON of a `--report` file. */
export function isReport(data: unknown): data is RunReport {
  const d = data as Partial<RunReport> | null;
  return typeof d === 'object' && d !== null && typeof d.pario === 'string' && typeof d.command === 'string'
    && typeof d.status === 'string' && typeof d.counts === 'object' && d.counts !== null && Array.isArray(d.errors);
}

const STATUS_RANK: Record<string, number> = { ok: 0, failed: 1, interrupted: 2 };

/**
 * Sums the reports of the shares of one run. Fails (naming the files) on reports of different commands or share
 * counts, on a share reported twice, on a path reported by two shares (the shares overlapped: they were not cut from
 * the same folder), and with `expect` on a share that is missing.
 */
export function mergeReports(reports: readonly { readonly path: string; readonly report: RunReport }[], expect?: number): string {
  const first = reports[0]?.report;
  if (first === undefined) throw new ParioError('ERR_PARIO_MANIFEST', 'no report to merge');
  const byIndex = new Map<number, string>();
  const shards: { index: number; status: string; ms: unknown; file: string }[] = [];
  const counts: Record<string, number> = {};
  const totals: Record<string, number> = {};
  const errors = new Map<string, { entry: ErrorEntry; file: string }>();
  let status = 'ok';
  let started = first.started;
  let finished = first.finished;
  for (const { path, report } of reports) {
    if (report.command !== first.command) {
      fail(`${path}: a report of \`pario ${report.command}\` cannot be merged with ones of \`pario ${first.command}\``);
    }
    const shard = report.shard;
    if ((shard === undefined) !== (first.shard === undefined)) fail(`${path}: reports of sharded and unsharded runs cannot be merged`);
    if (shard !== undefined) {
      if (shard.count !== first.shard?.count) {
        fail(`${path}: share ${shard.index}/${shard.count} is not one of ${first.shard?.count} shares`);
      }
      const twice = byIndex.get(shard.index);
      if (twice !== undefined) fail(`share ${shard.index}/${shard.count} is reported by both ${twice} and ${path}`);
      byIndex.set(shard.index, path);
      shards.push({ index: shard.index, status: report.status, ms: report['ms'], file: path });
    }
    if ((STATUS_RANK[report.status] ?? 2) > (STATUS_RANK[status] ?? 0)) status = report.status;
    if (report.started < started) started = report.started;
    if (report.finished > finished) finished = report.finished;
    for (const [key, n] of Object.entries(report.counts)) counts[key] = (counts[key] ?? 0) + n;
    for (const [key, value] of Object.entries(report)) {
      if (typeof value === 'number' && key !== 'ms') totals[key] = (totals[key] ?? 0) + value;
    }
    for (const entry of report.errors) {
      const other = errors.get(entry.path);
      if (other !== undefined) fail(`${JSON.stringify(entry.path)} is reported by both ${other.file} and ${path}: the shares overlap`);
      errors.set(entry.path, { entry, file: path });
    }
  }
  const count = first.shard?.count;
  if (expect !== undefined) {
    if (count === undefined && reports.length !== expect) fail(`expected ${expect} reports, got ${reports.length}`);
    if (count !== undefined && count !== expect) fail(`expected ${expect} shares, the reports are of ${count}`);
    const missing = [...Array(expect).keys()].map((i) => i + 1).filter((i) => count !== undefined && !byIndex.has(i));
    if (missing.length === 1) fail(`share ${missing.join(', ')} of ${expect} is missing`);
    if (missing.length > 1) fail(`shares ${missing.join(', ')} of ${expect} are missing`);
  }
  const engines = [...new Set(reports.map((r) => r.report.shard?.engine))];
  const engine = engines.length === 1 && engines[0] !== undefined ? { engine: engines[0] } : {};
  const merged = {
    pario: first.pario,
    command: first.command,
    status,
    started,
    finished,
    ms: Date.parse(finished) - Date.parse(started),
    ...(count === undefined ? {} : { shards: { count, ...engine, reports: shards.sort((a, b) => a.index - b.index) } }),
    counts,
    ...totals,
    errors: [...errors.values()].map((e) => e.entry).sort((a, b) => compareNames(a.path, b.path)),
  };
  return `${JSON.stringify(merged, null, 2)}\n`;
}

function fail(message: string): never {
  throw new ParioError('ERR_PARIO_MERGE', message);
}
