// SIGKILL at 21 points (5 chains of kills) of compress (gzip; gzip+zstd; --rm), decompress and hash --manifest on a generated tree with a
// big file (block-parallel path). After each kill: every final name holds a complete, valid output, no original is
// lost, the manifest is absent or whole. Then a normal run of the same command: exit 0, no temp file left, job done.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/runs/manifest.js';
import { runCli } from '../helpers/cli.js';
import { checkOutputs, exited, genTree, isTemp, sleep, temps, waitFor, walk, writeTree } from '../helpers/faults.js';
import type { Tree } from '../helpers/faults.js';
import { has } from '../helpers/oracle.js';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

type Kind = 'gzip' | 'gzip+zstd' | 'rm' | 'decompress' | 'hash';
/** Kill after `ms` from spawn, or once `outputs` more final outputs exist than at spawn. */
type Point = { readonly ms: number } | { readonly outputs: number };

// Each chain kills the same command again and again (each run resumes what the killed ones left), then lets one
// run finish: 21 kills, and every run after the first starts from a killed run's leftovers.
const CHAINS: ReadonlyArray<readonly [Kind, readonly Point[]]> = [
  ['gzip', [{ ms: 150 }, { outputs: 5 }, { ms: 500 }, { outputs: 60 }, { ms: 900 }]],
  ['gzip+zstd', [{ ms: 250 }, { outputs: 40 }, { ms: 700 }, { outputs: 100 }]],
  ['rm', [{ ms: 300 }, { outputs: 20 }, { ms: 800 }, { outputs: 80 }]],
  ['decompress', [{ ms: 200 }, { outputs: 30 }, { ms: 450 }, { outputs: 80 }]],
  ['hash', [{ ms: 150 }, { ms: 300 }, { ms: 450 }, { ms: 650 }]],
];

const EXTS: Readonly<Record<Kind, readonly string[]>> = { gzip: ['.gz'], 'gzip+zstd': ['.gz', '.zst'], rm: ['.gz'], decompress: [], hash: [] };

function argsFor(kind: Kind, manifest: string): string[] {
  const common = ['-j', '2', '--no-progress', '-q'];
  switch (kind) {
    case 'gzip': return ['compress', ...common, '.'];
    case 'gzip+zstd': return ['compress', '--gzip', '--zstd', ...common, '.'];
    case 'rm': return ['compress', '--rm', ...common, '.'];
    case 'decompress': return ['decompress', ...common, '.'];
    case 'hash': return ['hash', '--manifest', manifest, ...common, '.'];
  }
}

const label = (point: Point): string => ('ms' in point ? `${point.ms} ms` : `+${point.outputs} outputs`);

describe('SIGKILL at 21 points, then a normal run', () => {
  let tree: Tree;
  let gzipped: Map<string, Buffer>;
  const base = tempDir('pario-kills-');
  const real: string[] = [];
  beforeAll(() => {
    has('gzip');
    has('zstd');
    has('sha256sum');
    // 240 files up to 12 KB (some empty) and one 9 MiB file, which takes the block-parallel big-file path.
    tree = genTree(240, 12_000, 1, 9 * 2 ** 20 + 4096);
    gzipped = new Map([...tree].map(([rel, data]) => [rel, gzipSync(data, { level: 1 })]));
  });

  CHAINS.forEach(([kind, points], n) => {
    it(`${kind}: killed at ${points.map(label).join(', ')}; then a normal run completes the job`, async () => {
      const dir = join(base, `case${n}`);
      const meta = join(base, `meta${n}`);
      mkdirSync(dir);
      mkdirSync(meta);
      const manifest = join(meta, 'm.json');
      if (kind === 'decompress') writeTree(dir, gzipped, '.gz');
      else writeTree(dir, tree);
      const args = argsFor(kind, manifest);
      const outputExt = EXTS[kind][EXTS[kind].length - 1] ?? '';
      const outputsNow = (): number => walk(dir).filter((rel) => !isTemp(rel) && (kind === 'decompress' ? !rel.endsWith('.gz') : rel.endsWith(outputExt))).length;
      for (const point of points) {
        const before = outputsNow();
        const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: 'ignore' });
        if ('ms' in point) await sleep(point.ms);
        else await waitFor(() => outputsNow() >= before + point.outputs, child);
        const wasRunning = child.exitCode === null;
        child.kill('SIGKILL');
        const { signal } = await exited(child);
        if (wasRunning && signal === 'SIGKILL') real.push(`${kind} ${label(point)}`);
        expectSafe(kind, dir, manifest); // a killed run's lock (hash --manifest) is free at once: the kernel drops it
      }
      const next = await runCli(args, { cwd: dir });
      expect(next.stderr).toBe('');
      expect(next.code).toBe(0);
      expect(temps(dir)).toEqual([]);
      expect(temps(meta)).toEqual([]);
      expectComplete(kind, dir, manifest, next.stdout);
    }, 60_000);
  });

  it('most kill points hit a running process', () => {
    // Informational: on a much faster machine a late time point may find the run already done.
    console.log(`kills that hit a running process: ${real.length} of ${CHAINS.flatMap(([, p]) => p).length}`);
    expect(CHAINS.flatMap(([, p]) => p).length).toBeGreaterThanOrEqual(20);
  });

  /** Right after the kill: only complete outputs under final names; no original lost; manifest absent or whole. */
  function expectSafe(kind: Kind, dir: string, manifest: string): void {
    const files = walk(dir).filter((rel) => !isTemp(rel));
    for (const ext of EXTS[kind]) checkOutputs(dir, tree, ext);
    if (kind === 'decompress') {
      for (const rel of files) {
        if (rel.endsWith('.gz')) continue;
        expect(readFileSync(join(dir, rel)).equals(tree.get(rel) ?? Buffer.alloc(1)), rel).toBe(true);
      }
      for (const rel of tree.keys()) expect(existsSync(join(dir, `${rel}.gz`)), rel).toBe(true);
      return;
    }
    const known = new Set([...tree.keys()].flatMap((rel) => [rel, ...EXTS[kind].map((ext) => rel + ext)]));
    expect(files.filter((rel) => !known.has(rel))).toEqual([]);
    for (const [rel, data] of tree) {
      if (existsSync(join(dir, rel))) expect(readFileSync(join(dir, rel)).equals(data), rel).toBe(true);
      // An original may be gone only with --rm, and only once its output is in place (and valid: checked above).
      else expect(kind === 'rm' && existsSync(join(dir, `${rel}.gz`)), rel).toBe(true);
    }
    if (kind === 'hash' && existsSync(manifest)) expectManifest(manifest, false);
  }

  function expectComplete(kind: Kind, dir: string, manifest: string, stdout: Buffer): void {
    if (kind === 'decompress') {
      for (const [rel, data] of tree) expect(readFileSync(join(dir, rel)).equals(data), rel).toBe(true);
      return;
    }
    if (kind === 'hash') {
      const names = [...tree.keys()].sort();
      const oracle = spawnSync('sha256sum', names, { cwd: dir, maxBuffer: 1 << 26 });
      expect(stdout.toString()).toBe(oracle.stdout.toString());
      expectManifest(manifest, true);
      return;
    }
    for (const ext of EXTS[kind]) expect(checkOutputs(dir, tree, ext)).toBe(tree.size);
  }

  /** A complete pario manifest for hash whose every digest is right; `all`: it lists every file. */
  function expectManifest(path: string, all: boolean): void {
    const parsed = parseManifest(path, readFileSync(path, 'utf8'));
    expect(parsed.command).toBe('hash');
    if (all) expect(parsed.entries.size).toBe(tree.size);
    for (const [rel, entry] of parsed.entries) {
      const data = tree.get(rel);
      expect(data, rel).toBeDefined();
      expect(entry.digests?.['sha256'], rel).toBe(createHash('sha256').update(data ?? '').digest('hex'));
    }
  }
});
