// The pool a command will ask for, guessed from argv before the CLI's code loads: worker threads take ~0.1-0.2 s to
// boot, which then overlaps the main thread's own loading. A wrong guess costs one unused pool, ended at exit.
import { availableParallelism } from 'node:os';
import { WORKER_MODULES, type WorkerModule } from '../../workers/protocol.js';
import { codecModules } from '../compress/task.js';
import { startEarlyPool } from '../pool/pool.js';

/** What each command's createPool() asks for (read and cat use createPario: every module). */
const POOLED: Readonly<Record<string, readonly WorkerModule[]>> = {
  hash: ['hash'],
  check: ['hash'],
  compress: codecModules('compress'),
  decompress: codecModules('decompress'),
  test: codecModules('test'),
  read: WORKER_MODULES,
  cat: WORKER_MODULES,
};
/** Flags after which no pool (or a different one) is started: help, version, dry runs, one file to stdout. */
const NO_POOL = new Set(['-h', '--help', '-V', '--version', '-n', '--dry-run', '-c', '--stdout', 'help']);

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

export function startPoolFor(argv: readonly string[]): void {
  if (argv.some((arg) => NO_POOL.has(arg))) return;
  const command = argv.find((arg) => !arg.startsWith('-'));
  const implied = argv.includes('-d') || argv.includes('--decompress') ? 'decompress' : argv.includes('-t') || argv.includes('--test') ? 'test' : undefined;
  const modules = (command === undefined ? undefined : POOLED[command]) ?? (implied === undefined ? undefined : POOLED[implied]);
  const jobs = jobsOf(argv);
  if (modules === undefined || jobs === null) return;
  startEarlyPool(jobs ?? availableParallelism(), modules);
}
