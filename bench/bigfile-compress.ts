// Benchmark of the one-huge-file path: pario gzip/zstd vs pigz, gzip and zstd on one ≥ 512 MiB file, peak RSS per run,
// parallel efficiency (2 workers ÷ 1), zstd frame size vs size, and RSS flatness from 512 MiB to 2 GiB.
// npm run build && node dist/bench/bigfile-compress.js [--size 512] [--big 2048] [--input FILE] [--jobs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeInput } from './bigfile-input.js';

interface Row { name: string; seconds: number; cpuSeconds: number; bytesIn: number; bytesOut: number; maxRssMiB: number; load: number }

const RUN = fileURLToPath(new URL('./bigfile-run.js', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] ?? fallback : fallback;
};
const jobs = Number(flag('--jobs', String(availableParallelism())));
const sizeMiB = Number(flag('--size', '512'));
const bigMiB = Number(flag('--big', '2048'));
const work = join(tmpdir(), 'pario-bench-bigfile');
const out = join(work, 'out.bin');

function pario(input: string, name: string, params: string[]): Row {
  const load = loadavg()[0] ?? 0;
  const text = execFileSync(process.execPath, [RUN, 'pario', input, out, ...params], { encoding: 'utf8' });
  const r = JSON.parse(text) as { seconds: number; cpuSeconds: number; maxRssMiB: number; bytesOut: number };
  return { name, ...r, bytesIn: statSync(input).size, load };
}

function node(input: string, name: string, params: string[]): Row {
  const load = loadavg()[0] ?? 0;
  const r = JSON.parse(execFileSync(process.execPath, [RUN, ...params.slice(0, 1), input, out, ...params.slice(1)], { encoding: 'utf8' })) as Row;
  return { ...r, name, bytesIn: statSync(input).size, load };
}

function cli(input: string, name: string, command: string): Row {
  const load = loadavg()[0] ?? 0;
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', 'sh', '-c', `${command} < "${input}" > "${out}"`], { encoding: 'utf8' });
  const [seconds = '0', rssKiB = '0', user = '0', sys = '0'] = run.stderr.trim().split('\n').at(-1)?.split(' ') ?? [];
  return { name, seconds: Number(seconds), cpuSeconds: Number(user) + Number(sys), bytesIn: statSync(input).size, bytesOut: statSync(out).size, maxRssMiB: Number(rssKiB) / 1024, load };
}

function table(title: string, rows: Row[], reference?: Row): void {
  console.log(`\n### ${title}\n\n| run | MB/s | MB per CPU-second | output bytes | ratio | vs reference | peak RSS MiB | load avg |\n|---|---|---|---|---|---|---|---|`);
  for (const r of rows) {
    const mbs = r.bytesIn / 1e6 / r.seconds;
    const vs = reference === undefined ? '' : `${((r.bytesOut / reference.bytesOut - 1) * 100).toFixed(2)}%`;
    console.log(`| ${r.name} | ${mbs.toFixed(1)} | ${(r.bytesIn / 1e6 / r.cpuSeconds).toFixed(1)} | ${r.bytesOut} | ${(r.bytesOut / r.bytesIn).toFixed(4)} | ${vs} | ${r.maxRssMiB.toFixed(0)} | ${r.load.toFixed(2)} |`);
  }
}

function main(): void {
  const input = flag('--input', '') || makeInput(join(work, `input-${sizeMiB}.bin`), sizeMiB);
  console.log(`input ${input}: ${statSync(input).size} bytes; ${jobs} jobs; Node ${process.version}`);

  const gzip = [
    pario(input, 'pario gzip -6 -j 1', ['gzip', '6', '1']),
    pario(input, `pario gzip -6 -j ${jobs}`, ['gzip', '6', String(jobs)]),
    pario(input, `pario gzip -6 -j ${jobs} --io sequential`, ['gzip', '6', String(jobs), String(1 << 20), 'sequential']),
    pario(input, `pario gzip -6 -j ${jobs} --block-size 128K`, ['gzip', '6', String(jobs), String(128 << 10)]),
    cli(input, `pigz -p ${jobs} -6`, `pigz -p ${jobs} -6 -c`),
    cli(input, 'gzip -6', 'gzip -6 -c'),
  ];
  const gzipRef = gzip.at(-1);
  table('gzip level 6 (reference: gzip -6)', gzip, gzipRef);
  const [one, many, , , pigz] = gzip;
  if (one !== undefined && many !== undefined && pigz !== undefined) {
    console.log(`\nparallel efficiency ${jobs} workers ÷ 1: ${(one.seconds / many.seconds).toFixed(2)}; pario ÷ pigz throughput: ${(pigz.seconds / many.seconds).toFixed(2)}`);
  }

  const zstd = [
    cli(input, 'zstd -T0 -3', 'zstd -q -T0 -3 -c'),
    ...[4, 8, 16].map((mib) => pario(input, `pario zstd -3 -j ${jobs}, ${mib} MiB frames`, ['zstd', '3', String(jobs), String(mib << 20)])),
    node(input, `zstd-napi nbWorkers ${jobs} (one stream)`, ['zstd-napi-mt', '3', String(jobs)]),
  ];
  table('zstd level 3 (reference: zstd -T0 -3)', zstd, zstd[0]);

  if (bigMiB > 0 && flag('--input', '') === '') {
    const big = makeInput(join(work, `input-${bigMiB}.bin`), bigMiB);
    table(`RSS flatness: ${sizeMiB} MiB vs ${bigMiB} MiB`, [
      many ?? pario(input, `pario gzip -6 -j ${jobs}`, ['gzip', '6', String(jobs)]),
      pario(big, `pario gzip -6 -j ${jobs} (${bigMiB} MiB)`, ['gzip', '6', String(jobs)]),
      zstd[2] ?? pario(input, `pario zstd -3 -j ${jobs}`, ['zstd', '3', String(jobs)]),
      pario(big, `pario zstd -3 -j ${jobs} (${bigMiB} MiB)`, ['zstd', '3', String(jobs)]),
    ]);
  }
  rmSync(out, { force: true });
  if (existsSync(work) && args.includes('--clean')) for (const name of readdirSync(work)) rmSync(join(work, name));
}

main();
