// The createPario handle a command will ask for, guessed from argv before the CLI's code loads: worker threads take
// ~0.1-0.2 s to boot, which then overlaps the main thread's own loading. A wrong guess costs one unused handle, ended
// at exit. The handle is an ordinary one: the command that matches it takes it (ctx.early), as it would create its own.
import { statSync } from 'node:fs';
import type { Pario, WorkerKind as WorkerModule } from '../handle/index.js';
import { BIG_FILE_MIN, DEFAULT_PRELOAD, codecPreload, defaultJobs } from '../system/index.js';
import { raiseInterruptBudget } from './v8-tuning.js';

/** What each command's handle preloads. */
const POOLED: Readonly<Record<string, readonly WorkerModule[]>> = {
  hash: ['hash', 'stat'],
  check: ['hash'],
  compress: codecPreload('compress'),
  decompress: codecPreload('decompress'),
  test: codecPreload('test'),
  read: DEFAULT_PRELOAD,
  cat: DEFAULT_PRELOAD,
};
/** Flags after which no pool (or a different one) is started: help, version, dry runs. */
const NO_POOL = new Set(['-h', '--help', '-V', '--version', '-n', '--dry-run', 'help']);
/** -c/--stdout: compress and decompress then run one file on a pool of their own (for hash, -c is --check). */
const ONE_FILE = new Set(['-c', '--stdout']);
/** decompress -c of a .zst file this size and up: guessed to be pario's multi-frame output, decoded on every core. */
const FRAMES_GUESS_MIN = 1 << 20;

/** -j N, -jN, --jobs N, --jobs=N; undefined when absent, null when not a plain positive integer. */
function jobsOf(argv: readonly string[]): number | undefined | null {
  let text: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '-j' || arg === '--jobs') text = argv[i + 1] ?? '';
    else if (arg.startsWith('--jobs=')) text = arg.slice(7);
    else if (/^-j\d/.test(arg)) text = arg.slice(2);
  });
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 1024 ? Number(text) : null;
}

/** The first word that is neither an option nor the value of -j/--jobs (`pario -j 4 hash x` → hash). */
function commandOf(argv: readonly string[]): string | undefined {
  return argv.find((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '-j' && argv[i - 1] !== '--jobs');
}

/** The pool the command in argv will ask for, or undefined when it needs none (or argv is not understood). */
type EarlyPool = { jobs: number; modules: readonly WorkerModule[]; lazy?: boolean };

export function poolFor(all: readonly string[]): EarlyPool | undefined {
  const end = all.indexOf('--');
  const argv = end < 0 ? all : all.slice(0, end); // after `--` only file names
  if (argv.some((arg) => NO_POOL.has(arg))) return undefined;
  const implied = argv.includes('-d') || argv.includes('--decompress') ? 'decompress'
    : argv.includes('-t') || argv.includes('--test') ? 'test' : undefined;
  const given = commandOf(argv);
  const command = given !== undefined && Object.hasOwn(POOLED, given) ? given : implied;
  if (command === undefined) return undefined;
  const jobs = jobsOf(argv);
  if (jobs === null) return undefined;
  const oneFile = command !== 'hash' && command !== 'check' && argv.some((arg) => ONE_FILE.has(arg));
  const modules = oneFile ? oneFileModules(command, argv, all) : POOLED[command];
  return modules === undefined ? undefined : { jobs: jobs ?? defaultJobs(), modules, ...(rerun(argv) ? { lazy: true } : {}) };
}

/** --manifest FILE (or --update) naming a manifest that exists: a rerun, which may need no thread (its handle is lazy). */
function rerun(argv: readonly string[]): boolean {
  return argv.some((arg, i) => {
    const value = (flag: string): string | undefined =>
      (arg === flag ? argv[i + 1] : arg.startsWith(`${flag}=`) ? arg.slice(flag.length + 1) : undefined);
    const update = value('--update');
    const named = value('--manifest') ?? (update === undefined ? undefined : `${update}.pario.json`);
    return named !== undefined && statSync(named, { throwIfNoEntry: false })?.isFile() === true;
  });
}

/**
 * -c of one big file: every core on its blocks (compress to .gz .zz .zst) or on the frames of a .zst file (decompress),
 * guessed from the one argument that names a regular file, by its size and name; a small file's -c uses one worker.
 */
function oneFileModules(command: string, argv: readonly string[], all: readonly string[]): readonly WorkerModule[] | undefined {
  if ((command !== 'compress' && command !== 'decompress') || argv.includes('--brotli')) return undefined;
  const named = all.filter((arg, i) => !arg.startsWith('-') && arg !== command && all[i - 1] !== '-j' && all[i - 1] !== '--jobs');
  let file: { name: string; size: number } | undefined;
  for (const name of named) { // a guess: stops at the second regular file (then it is not one file)
    const st = statSync(name, { throwIfNoEntry: false });
    if (st?.isFile() !== true) continue;
    if (file !== undefined) return undefined;
    file = { name, size: st.size };
  }
  if (file === undefined) return undefined;
  if (command === 'compress') return file.size >= BIG_FILE_MIN ? ['blocks'] : undefined;
  const zst = file.name.endsWith('.zst') || file.name.endsWith('.tzst');
  return zst && file.size >= FRAMES_GUESS_MIN ? ['frames'] : undefined;
}

/** A handle started before the command ran: taken by the command it fits, or ended at exit. */
export interface EarlyHandle {
  /** The handle, when it has `jobs` threads that preload all of `preload` (once: the taker owns it and closes it). */
  take(jobs: number, preload: readonly WorkerModule[]): Pario | undefined;
  /** Ends the handle if nobody took it (a usage error, a command that needed another). */
  end(): Promise<void>;
}

/**
 * Starts the handle argv asks for. Commands without one (--version, --help) start no thread.
 */
export async function startHandleFor(argv: readonly string[]): Promise<EarlyHandle | undefined> {
  const wanted = poolFor(argv);
  if (wanted === undefined) return undefined;
  raiseInterruptBudget(); // before the first worker's isolate exists
  const { createPario } = await import('../handle/index.js');
  let handle: Pario | undefined = createPario({ jobs: wanted.jobs, preload: wanted.modules, lazy: wanted.lazy === true });
  return {
    take(jobs, preload) {
      const fits = handle?.jobs === jobs && preload.every((m) => wanted.modules.includes(m));
      const taken = fits ? handle : undefined;
      if (fits) handle = undefined;
      return taken;
    },
    async end() {
      const unused = handle;
      handle = undefined;
      await unused?.destroy();
    },
  };
}
