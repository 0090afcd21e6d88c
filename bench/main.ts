// `npm run bench`: pario against its peers, side by side, in one run. See bench/options.ts for the flags.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_ONLY, GROUPS } from './cases/index.js';
import type { BenchContext } from './cases/context.js';
import { ensureCorpus, userCorpus } from './corpus/cache.js';
import { FULL_SIZES, QUICK_SIZES } from './corpus/spec.js';
import type { Corpus, CorpusSizes } from './corpus/spec.js';
import { USAGE, parseBenchArgs } from './options.js';
import type { BenchOptions } from './options.js';
import { machineLine } from './report/machine.js';
import { markdown } from './report/markdown.js';
import { caseRows } from './report/rows.js';
import type { CaseRows } from './report/rows.js';
import { svgChart } from './report/svg.js';
import { textTable } from './report/table.js';
import { ParioFailure } from './run/own.js';
import { runCase } from './run/runner.js';
import { GNU_TIME, REPO_ROOT } from './run/tools.js';
import type { Case, CaseResult } from './run/types.js';
import { WORK_ROOT, cleanWork } from './run/workdir.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

async function context(o: BenchOptions): Promise<BenchContext> {
  const base: CorpusSizes = o.quick ? QUICK_SIZES : FULL_SIZES;
  const sizes: CorpusSizes = o.size === undefined ? base : { ...base, bigBytes: o.size };
  const user = o.corpus === undefined ? undefined : await userCorpus(o.corpus);
  const gen = (name: 'tiny' | 'small' | 'big-text' | 'big-bin' | 'mixed'): (() => Corpus) => lazy(() => ensureCorpus(name, o.seed, sizes, log));
  return {
    jobs: o.jobs,
    quick: o.quick,
    tree: user === undefined ? gen('small') : () => user,
    tiny: user === undefined ? gen('tiny') : () => user,
    bigText: gen('big-text'),
    bigBin: gen('big-bin'),
    mixed: gen('mixed'),
    bigTextOf: (bytes) => ensureCorpus('big-text', o.seed, { ...sizes, bigBytes: bytes }, log),
    bigBytes: sizes.bigBytes,
    generated: user === undefined,
    log,
  };
}

function selected(o: BenchOptions, ctx: BenchContext): Case[] {
  const out: Case[] = [];
  for (const [group, build] of Object.entries(GROUPS)) {
    const wanted = o.only.length === 0 ? !(o.corpus !== undefined && GENERATED_ONLY.has(group)) : o.only.some((w) => w === group || w.startsWith(`${group}/`));
    if (!wanted) continue;
    for (const c of build(ctx)) if (o.only.length === 0 || o.only.includes(group) || o.only.includes(c.id)) out.push(c);
  }
  return out;
}

/** Runs recorded by hand at the end of docs/bench.md (real trees, baselines): --write-docs keeps them. */
const KEPT_MARKER = '<!-- kept by --write-docs: everything below -->';

function keptTail(file: string): string {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = text.indexOf(KEPT_MARKER);
  return at < 0 ? '' : `\n${text.slice(at)}`;
}

/** --quick's verdict: every selected case ran at least one tool, and no tool failed or wrote invalid output. */
function problems(results: readonly CaseResult[], expected: number): string[] {
  const out: string[] = [];
  if (results.length !== expected) out.push(`${expected - results.length} case(s) did not run`);
  for (const r of results) {
    if (!r.entries.some((e) => e.status === 'ok')) out.push(`${r.id}: no tool ran`);
    for (const e of r.entries) if (e.status === 'failed') out.push(`${r.id}: ${e.tool}: ${e.reason ?? 'failed'}`);
  }
  return out;
}

async function main(argv: readonly string[]): Promise<number> {
  const o = parseBenchArgs(argv);
  if (o.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const machine = machineLine();
  log(`pario bench: ${machine}`);
  if (GNU_TIME === undefined) log('note: /usr/bin/time not found: peak RSS is sampled from /proc (VmHWM) instead');
  mkdirSync(WORK_ROOT, { recursive: true });
  const ctx = await context(o);
  const cases = selected(o, ctx);
  if (cases.length === 0) {
    cleanWork();
    throw new Error(`--only ${o.only.join(', ')}: no such case (groups: ${Object.keys(GROUPS).join(', ')})`);
  }
  const results: CaseResult[] = [];
  const tables: CaseRows[] = [];
  try {
    for (const c of cases) {
      const result = await runCase(c, { runs: o.runs, warmup: !o.quick, log });
      results.push(result);
      const rows = caseRows(result);
      tables.push(rows);
      process.stdout.write(`\n${textTable(rows)}`);
    }
  } finally {
    cleanWork();
  }
  process.stdout.write(`\n${machine}\n`);
  if (o.json !== undefined) writeFileSync(o.json, JSON.stringify({ machine, options: o, results }, null, 2));
  if (o.writeDocs) {
    const docs = join(REPO_ROOT, 'docs');
    mkdirSync(docs, { recursive: true });
    const corpora = [...new Set(cases.map((c) => `${c.id.split('/')[0] ?? ''}: ${c.title}`))];
    const command = `npm run bench -- ${argv.join(' ')}`.trim();
    const file = join(docs, 'bench.md');
    writeFileSync(file, markdown(tables, { machine, command, corpora }) + keptTail(file));
    writeFileSync(join(docs, 'bench.svg'), svgChart(tables, machine));
    log(`wrote ${join(docs, 'bench.md')} and bench.svg`);
  }
  const bad = problems(results, cases.length);
  if (o.quick) {
    if (bad.length > 0) {
      log(`--quick: ${bad.length} problem(s):\n  ${bad.join('\n  ')}`);
      return 1;
    }
    log(`--quick: all ${results.length} cases ran and every output is valid`);
  } else if (bad.length > 0) {
    log(`${bad.length} problem(s):\n  ${bad.join('\n  ')}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ParioFailure) {
      // pario's own command failed (a renamed flag, a crash, invalid output): one line, the bench fails.
      log(`bench: FAILED ${error.message}`);
      process.exitCode = 1;
      return;
    }
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 2;
  },
);
