// 10,000 corrupted or truncated .gz .zz .br .zst files (2,500 per format, from a seeded PRNG) through `pario test` and
// `pario decompress`: each run ends (per-run timeout), exits 1, answers every input exactly once (the pool never
// crashes), and each input ends in an error naming it or a correct output; a failed input leaves nothing behind.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressSync } from '../../workers/codecs.js';
import type { Algorithm } from '../../workers/codecs.js';
import { BIN } from '../helpers/paths.js';
import { below, prng, randomBytes, textBytes } from '../helpers/payloads.js';
import { tempDir } from '../helpers/temp.js';

const PER_FORMAT = 2500;
const FOLDERS = 16;
const RUN_TIMEOUT = 90_000;
const FORMATS: readonly [Algorithm, string, readonly [number, number]][] = [
  ['gzip', '.gz', [1, 9]], ['deflate', '.zz', [1, 9]], ['brotli', '.br', [0, 7]], ['zstd', '.zst', [1, 9]],
];

interface Case {
  readonly path: string; // relative to in/, as pario prints it with cwd = in/
  readonly algorithm: Algorithm;
  readonly payload: Buffer;
  readonly mutation: string;
}

/** A valid archive of a small payload, then truncated, bit-flipped, or with garbage inserted or appended. */
function makeCase(algorithm: Algorithm, ext: string, levels: readonly [number, number], n: number): { data: Buffer; payload: Buffer; mutation: string; name: string } {
  const random = prng(n * 7919 + 17);
  const size = below(random, 5) === 0 ? below(random, 16) : below(random, 4000);
  const kind = below(random, 3);
  const payload = kind === 0 ? randomBytes(n, size) : kind === 1 ? textBytes(n, size) : Buffer.alloc(size, below(random, 256));
  const level = levels[0] + below(random, levels[1] - levels[0] + 1);
  const valid = compressSync(algorithm, payload, level);
  let data: Buffer;
  let mutation: string;
  switch (below(random, 4)) {
    case 0: {
      const cut = below(random, valid.length); // always at least one byte short
      data = valid.subarray(0, cut);
      mutation = `truncated at ${cut} of ${valid.length}`;
      break;
    }
    case 1: {
      data = Buffer.from(valid);
      const flips = 1 + below(random, 4);
      for (let i = 0; i < flips; i += 1) {
        const at = below(random, data.length);
        data[at] = (data[at] ?? 0) ^ (1 + below(random, 255));
      }
      mutation = `${flips} bytes flipped`;
      break;
    }
    case 2: {
      const at = below(random, valid.length + 1);
      data = Buffer.concat([valid.subarray(0, at), randomBytes(n + 1, 1 + below(random, 16)), valid.subarray(at)]);
      mutation = `garbage inserted at ${at}`;
      break;
    }
    default: {
      const cut = below(random, valid.length);
      data = Buffer.concat([valid.subarray(0, cut), randomBytes(n + 2, 1 + below(random, 64))]);
      mutation = `cut at ${cut}, garbage appended`;
    }
  }
  return { data, payload, mutation, name: `f${String(n).padStart(5, '0')}-${algorithm}.bin${ext}` };
}

interface FileEvent {
  readonly type: 'file';
  readonly path: string;
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly bytesOut: number;
  readonly code?: string;
  readonly message?: string;
}

function run(args: readonly string[], cwd: string): { status: number | null; signal: NodeJS.Signals | null; events: FileEvent[]; summary: unknown; stderr: string } {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: RUN_TIMEOUT, killSignal: 'SIGKILL' });
  const lines = child.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { type: string });
  return {
    status: child.status, signal: child.signal, stderr: child.stderr,
    events: lines.filter((l): l is FileEvent => l.type === 'file'),
    summary: lines.find((l) => l.type === 'summary'),
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('10,000 corrupted and truncated inputs', () => {
  const root = tempDir('pario-corrupt-');
  const input = join(root, 'in');
  const out = join(root, 'out');
  const cases = new Map<string, Case>();

  beforeAll(() => {
    for (let f = 0; f < FOLDERS; f += 1) mkdirSync(join(input, `d${f}`), { recursive: true });
    let n = 0;
    for (const [algorithm, ext, levels] of FORMATS) {
      for (let i = 0; i < PER_FORMAT; i += 1, n += 1) {
        const made = makeCase(algorithm, ext, levels, n);
        const path = `d${n % FOLDERS}/${made.name}`;
        writeFileSync(join(input, path), made.data);
        cases.set(path, { path, algorithm, payload: made.payload, mutation: made.mutation });
      }
    }
  });

  function checkEvents(events: readonly FileEvent[]): Map<string, FileEvent> {
    const byPath = new Map<string, FileEvent>();
    for (const event of events) {
      expect(byPath.has(event.path), `${event.path} reported twice`).toBe(false);
      byPath.set(event.path, event);
    }
    expect(byPath.size).toBe(cases.size);
    for (const path of cases.keys()) expect(byPath.has(path), `${path} has no result`).toBe(true);
    for (const event of byPath.values()) {
      expect(event.status, event.path).not.toBe('skipped');
      if (event.status === 'failed') {
        expect(event.code, event.path).toMatch(/^(ERR_|Z_|E|BROTLI_DECODER_ERROR_|ZSTD_error_)/); // the format's own fault codes
        expect(event.code, `${event.path}: the worker must not die`).not.toBe('ERR_WORKER_DIED');
        expect(event.message ?? '', event.path).toMatch(/\S/); // a cause is always given
      }
    }
    return byPath;
  }

  it('pario test: one result per input, an error or a checksum-verified pass, exit 1, no hang', () => {
    const result = run(['test', '--json', '-j', '2', '.'], input);
    expect(result.signal, 'the run was killed at the timeout').toBeNull();
    expect(result.status).toBe(1);
    const byPath = checkEvents(result.events);
    for (const [path, event] of byPath) {
      const c = cases.get(path)!;
      // a passing gzip/zlib/zstd file decodes to exactly its payload's size (its checksum held)
      if (event.status === 'ok' && c.algorithm !== 'brotli') expect(event.bytesOut, `${path}: ${c.mutation}`).toBe(c.payload.length);
    }
    const failed = [...byPath.values()].filter((e) => e.status === 'failed').length;
    expect(result.summary).toMatchObject({ type: 'summary', files: cases.size, failed });
    expect(failed).toBeGreaterThan(cases.size * 0.9);
  });

  it('pario test without --json names every bad file and its cause on stderr', () => {
    const child = spawnSync(process.execPath, [BIN, 'test', '-j', '2', 'd0'], { cwd: input, encoding: 'utf8', timeout: RUN_TIMEOUT, killSignal: 'SIGKILL' });
    expect(child.status).toBe(1);
    const named = new Set(child.stderr.split('\n').map((line) => /^pario: (d0\/\S+): .+ \(\w+\)$/.exec(line)?.[1]).filter((p) => p !== undefined));
    const inFolder = [...cases.keys()].filter((p) => p.startsWith('d0/'));
    expect(named.size).toBeGreaterThan(inFolder.length * 0.9);
    for (const path of named) expect(cases.has(path)).toBe(true);
  });

  it('pario decompress -o: every input ends in an error with nothing left, or a correct and complete output', () => {
    const result = run(['decompress', '--json', '-j', '2', '-o', out, '.'], input);
    expect(result.signal, 'the run was killed at the timeout').toBeNull();
    expect(result.status).toBe(1);
    const byPath = checkEvents(result.events);
    const expected = new Set<string>();
    for (const [path, event] of byPath) {
      const c = cases.get(path)!;
      const target = join(out, path.replace(/\.(gz|zz|br|zst)$/, ''));
      if (event.status === 'failed') {
        expect(existsSync(target), `${path} failed (${event.code}) but left ${target}`).toBe(false);
        continue;
      }
      expected.add(target);
      const bytes = readFileSync(target);
      if (c.algorithm === 'brotli') expect(bytes.length, path).toBe(event.bytesOut); // no checksum: complete, maybe other bytes
      else expect(bytes.equals(c.payload), `${path} (${c.mutation}) decompressed to other bytes`).toBe(true);
    }
    // nothing else under out/: no partial outputs, no temp files
    const left = walk(out).filter((p) => !expected.has(p)).map((p) => relative(out, p));
    expect(left).toEqual([]);
    // the inputs are untouched and no temp file appeared beside them
    expect(walk(input).length).toBe(cases.size);
    for (const path of [...cases.keys()].slice(0, 50)) expect(statSync(join(input, path)).isFile()).toBe(true);
  });
});
