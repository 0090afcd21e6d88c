// pario's library, driven from a child process so its wall time and peak RSS compare with the naive loops.
// usage: node dist/bench/lib/main.js <mode> args…   (prints JSON totals on stdout)
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const MAPPER = new URL('./word-count-mapper.js', import.meta.url);

type Lib = Record<string, unknown>;
interface Totals {
  files: number;
  bytes: number;
  lines?: number;
  words?: number;
  failed?: number;
}

function fn<T>(lib: Lib, name: string): T {
  const f = lib[name];
  if (typeof f !== 'function') throw new Error(`pario: the library exports no function ${name}`);
  return f as T;
}

type ReadFiles = (p: string[], o: object) => AsyncIterable<{ ok?: boolean; size?: number; data?: Uint8Array }>;

async function run(mode: string, a: readonly string[]): Promise<Totals> {
  const lib = (await import(pathToFileURL(join(REPO, 'dist/src/index.js')).href)) as Lib;
  const jobs = Number(a[1]);
  switch (mode) {
    case 'read-files': {
      const t: Totals = { files: 0, bytes: 0, failed: 0 };
      for await (const r of fn<ReadFiles>(lib, 'readFiles')(['.'], { cwd: a[0], jobs })) {
        if (r.ok === false) t.failed = (t.failed ?? 0) + 1;
        else {
          t.files += 1;
          t.bytes += r.data?.byteLength ?? 0;
        }
      }
      return t;
    }
    case 'read-file': {
      const data = await fn<(p: string, o: object) => Promise<Uint8Array>>(lib, 'readFile')(a[0] ?? '', { jobs });
      return { files: 1, bytes: data.byteLength };
    }
    case 'map-files': {
      const t: Totals = { files: 0, bytes: 0, lines: 0, words: 0, failed: 0 };
      const mapFiles = fn<(p: string[], m: URL, o: object) => AsyncIterable<{ size?: number; value?: { lines: number; words: number }; error?: unknown }>>(lib, 'mapFiles');
      for await (const r of mapFiles(['.'], MAPPER, { cwd: a[0], jobs })) {
        if (r.value === undefined) t.failed = (t.failed ?? 0) + 1;
        else {
          t.files += 1;
          t.bytes += r.size ?? 0;
          t.lines = (t.lines ?? 0) + r.value.lines;
          t.words = (t.words ?? 0) + r.value.words;
        }
      }
      return t;
    }
    case 'noop':
      return noop(Number(a[0]), jobs, Number(a[2]));
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

interface Pool {
  run(name: string, task: object): Promise<unknown>;
  destroy(): Promise<void>;
}

/** `count` no-op items through pario's warm pool, `batch` items per task (1 = batching off). */
async function noop(count: number, jobs: number, batch: number): Promise<Totals> {
  const poolModule = (await import(pathToFileURL(join(REPO, 'dist/src/pool/pool.js')).href)) as Lib;
  const pool = fn<(jobs: number) => Pool>(poolModule, 'createPool')(jobs);
  try {
    const tasks = Math.ceil(count / batch);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < tasks) {
        next += 1;
        await pool.run('noop', { count: batch });
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs * 4, tasks) }, lane));
  } finally {
    await pool.destroy();
  }
  return { files: count, bytes: 0 };
}

const [mode = '', ...rest] = process.argv.slice(2);
run(mode, rest).then(
  (t) => process.stdout.write(JSON.stringify(t)),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
