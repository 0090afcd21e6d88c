// One measured run in its own process, so peak RSS (process.resourceUsage().maxRSS, threads included) is this run's.
// node dist/bench/bigfile-run.js pario <input> <output> <format> <level> <jobs> <blockSize> <io>
// node dist/bench/bigfile-run.js zstd-napi-mt <input> <output> <level> <nbWorkers>
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';
import type { Transform } from 'node:stream';
import { compressFile } from '../src/bigfile/index.js';
import type { BlockFormat, IoMode } from '../src/bigfile/index.js';

async function main(argv: string[]): Promise<void> {
  const [mode, input = '', output = '', ...rest] = argv;
  const started = performance.now();
  if (mode === 'pario') {
    const [format = 'gzip', level = '6', jobs = '2', blockSize = String(1 << 20), io = 'parallel'] = rest;
    await compressFile(input, {
      output, overwrite: true, format: format as BlockFormat, level: Number(level), jobs: Number(jobs),
      blockSize: Number(blockSize), io: io as IoMode,
    });
  } else if (mode === 'zstd-napi-mt') {
    const [level = '3', nbWorkers = '2'] = rest;
    const napi = createRequire(import.meta.url)('zstd-napi') as { CompressStream: new (p: object) => Transform };
    const compressor = new napi.CompressStream({ compressionLevel: Number(level), nbWorkers: Number(nbWorkers), checksumFlag: true });
    await pipeline(createReadStream(input, { highWaterMark: 1 << 20 }), compressor, createWriteStream(output));
  } else {
    throw new Error(`unknown mode ${String(mode)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage(); // all threads of this process
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  const result = { seconds, cpuSeconds, maxRssMiB: usage.maxRSS / 1024, bytesOut: statSync(output).size };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main(process.argv.slice(2));
