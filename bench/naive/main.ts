// The naive Node loops a user writes without pario, one process per run so wall time and RSS compare with the CLIs.
// usage: node dist/bench/naive/main.js <mode> args…   (prints JSON totals or a manifest on stdout)
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { compressMany, compressOne, zstdStream } from './compress.js';
import { isHashAlgo } from './digest.js';
import { hashMany, hashOne } from './hash.js';
import { noopTasks, wordCountPool } from './pool.js';
import { readMany, wordCountLoop } from './read.js';

/** What a user picks for p-limit: a couple of tasks per core (async zlib still funnels into libuv's 4 threads). */
const CONCURRENCY = availableParallelism() * 2;

async function run(mode: string, a: readonly string[]): Promise<string> {
  const arg = (i: number): string => {
    const v = a[i];
    if (v === undefined) throw new Error(`${mode}: missing argument ${i + 1}`);
    return v;
  };
  switch (mode) {
    case 'gzip':
    case 'brotli':
    case 'gunzip':
      await compressMany(mode, Number(arg(0)), arg(1), arg(2), CONCURRENCY);
      return '';
    case 'gzip-one':
    case 'gunzip-one':
      await compressOne(mode === 'gzip-one' ? 'gzip' : 'gunzip', Number(arg(0)), arg(1), arg(2));
      return '';
    case 'zstd-stream':
      await zstdStream(Number(arg(0)), Number(arg(1)), arg(2), arg(3));
      return '';
    case 'hash':
    case 'hash-one': {
      const algo = arg(0);
      if (!isHashAlgo(algo)) throw new Error(`unknown algorithm ${algo}`);
      return mode === 'hash' ? hashMany(algo, arg(1), CONCURRENCY) : hashOne(algo, arg(1));
    }
    case 'read':
      return JSON.stringify(await readMany(arg(0), CONCURRENCY));
    case 'read-one':
      return JSON.stringify({ files: 1, bytes: (await readFile(arg(0))).byteLength });
    case 'word-count':
      return JSON.stringify(await wordCountLoop(arg(0)));
    case 'word-count-pool':
      return JSON.stringify(await wordCountPool(arg(0), Number(arg(1))));
    case 'noop-pool':
      return JSON.stringify(await noopTasks(Number(arg(0)), Number(arg(1))));
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

const [mode = '', ...rest] = process.argv.slice(2);
run(mode, rest).then(
  (out) => process.stdout.write(out),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
