// mapFiles vs the naive single-thread loop vs a hand-written one-task-per-file Piscina pool, on a line+word count
// over a generated text tree. Runnable alone (node dist/bench/map-bench.js [--mb 100] [--runs 5] [--jobs 2]) and as
// runMapBench() from the rest of bench/. Runs alternate between contenders; medians are reported.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';
import { Piscina } from 'piscina';
import { mapFiles } from '../src/index.js';
import type { MapperModule } from '../src/index.js';
import type countMapper from './map-bench-count.js';
import { countLinesWords } from './map-bench-count.js';
import type { Counts } from './map-bench-count.js';

const MAPPER = new URL('./map-bench-count.js', import.meta.url) as MapperModule<typeof countMapper>;
const WORKER = new URL('./map-bench-worker.js', import.meta.url);

export interface MapBenchOptions {
  /** Size of the generated tree in MB. @default 100 */
  readonly mb?: number;
  /** Timed runs per contender (after one untimed warm-up round). @default 5 */
  readonly runs?: number;
  /** Worker threads for the parallel contenders. @default os.availableParallelism() */
  readonly jobs?: number;
  /** Where the tree goes (reused when present). @default os.tmpdir()/pario-map-bench-<mb> */
  readonly dir?: string;
}

export interface MapBenchResult {
  readonly name: string;
  readonly files: number;
  readonly bytes: number;
    /** ms: wall time per timed run; cpuMs: CPU time of this process, all threads (less sensitive to other load). */
  readonly cases: { readonly tool: string; readonly ms: number[]; readonly medianMs: number; readonly cpuMs: number[]; readonly medianCpuMs: number }[];
}

type Totals = Counts & { files: number };

/** A seeded tree of text files, 0 … 16 KiB each (8 KiB on average), cut from one block of words. */
export function makeTextTree(dir: string, mb: number): void {
  if (existsSync(join(dir, '.complete'))) return;
  const words = ['const', 'return', 'function', 'the', 'file', 'worker', 'shared', 'buffer', '{', '}', '(x)', '=>', 'pario'];
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const parts: string[] = [];
  for (let size = 0; size < 2 << 20; ) {
    const word = (words[Math.floor(random() * words.length)] ?? 'x') + (random() < 0.1 ? '\n' : ' ');
    parts.push(word);
    size += word.length;
  }
  const block = Buffer.from(parts.join(''));
  for (let i = 0, total = 0; total < mb * 1e6; i += 1) {
    const size = Math.floor(random() * 16384);
    const start = Math.floor(random() * (block.length - size));
    mkdirSync(join(dir, `d${i % 31}`, `e${i % 7}`), { recursive: true });
    writeFileSync(join(dir, `d${i % 31}`, `e${i % 7}`, `f${i}.txt`), block.subarray(start, start + size));
    total += size;
  }
  writeFileSync(join(dir, '.complete'), '');
}

async function viaMapFiles(dir: string, jobs: number): Promise<Totals> {
  const t: Totals = { files: 0, lines: 0, words: 0 };
  for await (const r of mapFiles('**', MAPPER, { cwd: dir, jobs })) {
    if (!r.ok) throw new Error(`${r.path}: ${r.error.message}`);
    add(t, r.value);
  }
  return t;
}

async function viaNaiveLoop(dir: string): Promise<Totals> {
  const t: Totals = { files: 0, lines: 0, words: 0 };
  for (const path of await fg('**', { cwd: dir, absolute: true })) add(t, countLinesWords(await readFile(path)));
  return t;
}

async function viaPoolPerFile(dir: string, jobs: number): Promise<Totals> {
  const pool = new Piscina({ filename: WORKER.href, minThreads: jobs, maxThreads: jobs });
  try {
    const t: Totals = { files: 0, lines: 0, words: 0 };
    const paths = await fg('**', { cwd: dir, absolute: true });
    for (const counts of await Promise.all(paths.map((p) => pool.run(p) as Promise<Counts>))) add(t, counts);
    return t;
  } finally {
    await pool.destroy();
  }
}

function add(t: Totals, c: Counts): void {
  t.files += 1;
  t.lines += c.lines;
  t.words += c.words;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Runs the three contenders alternately (rotating who goes first), checks they agree, and returns every timing. */
export async function runMapBench(options: MapBenchOptions = {}): Promise<MapBenchResult> {
  const { mb = 100, runs = 5, jobs = availableParallelism() } = options;
  const dir = options.dir ?? join(tmpdir(), `pario-map-bench-${mb}`);
  makeTextTree(dir, mb);
  const contenders: { tool: string; run: () => Promise<Totals> }[] = [
    { tool: `pario mapFiles, ${jobs} workers`, run: () => viaMapFiles(dir, jobs) },
    { tool: 'naive loop (fast-glob + fs.promises.readFile), 1 thread', run: () => viaNaiveLoop(dir) },
    { tool: `Piscina, 1 task per file, ${jobs} workers`, run: () => viaPoolPerFile(dir, jobs) },
  ];
  const ms = contenders.map(() => [] as number[]);
  const cpuMs = contenders.map(() => [] as number[]);
  let expected: string | undefined;
  for (let round = -1; round < runs; round += 1) {
    for (let k = 0; k < contenders.length; k += 1) {
      const i = (k + Math.max(round, 0)) % contenders.length;
      const contender = contenders[i];
      if (contender === undefined) continue;
      const start = performance.now();
      const cpu = process.cpuUsage();
      const totals = JSON.stringify(await contender.run());
      const elapsed = performance.now() - start;
      const used = process.cpuUsage(cpu);
      expected ??= totals;
      if (totals !== expected) throw new Error(`${contender.tool} counted ${totals}, expected ${expected}`);
      if (round >= 0) ms[i]?.push(elapsed);
      if (round >= 0) cpuMs[i]?.push((used.user + used.system) / 1000);
    }
  }
  const { files } = JSON.parse(expected ?? '{}') as { files: number };
  return {
    name: `line+word count, ${files} files, ${mb} MB, ${jobs} workers`,
    files,
    bytes: mb * 1e6,
    cases: contenders.map((c, i) => ({ tool: c.tool, ms: ms[i] ?? [], medianMs: median(ms[i] ?? []), cpuMs: cpuMs[i] ?? [], medianCpuMs: median(cpuMs[i] ?? []) })),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { mb: { type: 'string' }, runs: { type: 'string' }, jobs: { type: 'string' } } });
  const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const result = await runMapBench({ mb: num(values.mb), runs: num(values.runs), jobs: num(values.jobs) });
  const [pario, naive, pool] = result.cases.map((c) => c.medianMs);
  console.log(result.name);
  for (const c of result.cases) {
    const runs = c.ms.map((m) => m.toFixed(0)).join(' ');
    console.log(`  ${c.tool.padEnd(58)} median ${c.medianMs.toFixed(0).padStart(6)} ms  (CPU ${c.medianCpuMs.toFixed(0).padStart(6)} ms)  runs ${runs}`);
  }
  if (pario !== undefined && naive !== undefined && pool !== undefined) {
    console.log(`  mapFiles is ${(naive / pario).toFixed(2)}× the naive loop and ${(pool / pario).toFixed(2)}× the one-task-per-file pool`);
  }
}
