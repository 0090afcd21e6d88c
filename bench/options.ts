import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  readonly quick: boolean;
  readonly runs: number;
  readonly jobs: number;
  readonly seed: number;
  /** Bytes of each big file. */
  readonly size: number | undefined;
  readonly corpus: string | undefined;
  readonly only: readonly string[];
  readonly writeDocs: boolean;
  readonly json: string | undefined;
  readonly help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]

  --quick            seconds: tiny corpora, one run, no warm-up; exits 1 unless every case ran and its output is valid
  --runs N           timed runs per tool after one warm-up (default 3)
  -j, --jobs N       workers for pario and the parallel peers (default: os.availableParallelism())
  --size SIZE        bytes of each big file: 512M (default), 2G, 64M … (growth uses ¼, ½ and 1×)
  --seed N           corpus seed (default 1); corpora are cached in $TMPDIR/pario-bench-corpus by seed and size
  --corpus DIR       run the many-files cases on your own folder instead of the generated ones
  --only CASE        one group (compress-many, compress-big, blocks, decompress, hash, read, pool, map, scaling,
                     growth, mixed, build, real) or one case id (hash/sha256-many); repeatable
                     real: the project's node_modules and python3's sys.prefix, whenever present (--quick: a slice
                     of node_modules only)
  --write-docs       rewrite docs/bench.md and docs/bench.svg from this run
  --json FILE        also write the raw results as JSON
`;

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmMgG]i?[bB]?)?$/.exec(text.trim());
  if (m === null) throw new Error(`--size: expected a size like 512M, got ${text}`);
  const unit = (m[2] ?? '').charAt(0).toLowerCase();
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * mult);
}

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: expected a whole number, got ${text}`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      seed: { type: 'string' },
      size: { type: 'string' },
      corpus: { type: 'string' },
      only: { type: 'string', multiple: true },
      'write-docs': { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const quick = values.quick === true;
  return {
    quick,
    runs: Math.max(1, positiveInt('--runs', values.runs, quick ? 1 : 3)),
    jobs: Math.max(1, positiveInt('--jobs', values.jobs, availableParallelism())),
    seed: positiveInt('--seed', values.seed, 1),
    size: values.size === undefined ? undefined : parseSize(values.size),
    corpus: values.corpus,
    only: values.only ?? [],
    writeDocs: values['write-docs'] === true,
    json: values.json,
    help: values.help === true,
  };
}
