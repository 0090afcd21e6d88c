// A full disk: `pario compress -o` into a 4 MiB tmpfs, ~20 MiB of incompressible data (small-file and big-file paths)
// plus text files. ENOSPC is a per-file error naming the path; no truncated output, no temp file; originals untouched.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { checkOutputs, isTemp, temps, walk } from '../helpers/faults.js';
import type { Tree } from '../helpers/faults.js';
import { has } from '../helpers/oracle.js';
import { CI, mountTmpfs } from '../helpers/tmpfs.js';
import { content, rng } from '../helpers/tree.js';

const { root, disk, mounted, error } = mountTmpfs('4m', 'full-disk tests');

describe.skipIf(!mounted && !CI)('compressing onto a full disk', () => {
  it('ENOSPC: a per-file error naming the path, exit 1, every output left is whole, originals and disk clean', async () => {
    expect(mounted, `mount -t tmpfs failed under CI: ${error}`).toBe(true);
    has('gzip');
    const src = join(root, 'src');
    const tree: Tree = new Map();
    const random = rng(11);
    // Incompressible: 2 × 5 MiB (whole-file path), one 9 MiB (block-parallel path), 1 MiB in 4 pieces; then text.
    for (const [name, size] of [['r1.bin', 5 << 20], ['r2.bin', 5 << 20], ['big.bin', 9 << 20], ['r3.bin', 256 << 10], ['r4.bin', 256 << 10], ['r5.bin', 256 << 10], ['r6.bin', 256 << 10]] as const) tree.set(name, randomBytes(size));
    for (let i = 0; i < 40; i += 1) tree.set(join('text', `t${i}.txt`), content(random, 20_000, true));
    mkdirSync(join(src, 'text'), { recursive: true });
    for (const [rel, data] of tree) writeFileSync(join(src, rel), data);

    const run = await runCli(['compress', '-j', '2', '--no-progress', '-o', disk, '.'], { cwd: src });
    expect(run.code, run.stderr).toBe(1);
    const errors = run.stderr.split('\n').filter((line) => line !== '');
    expect(errors.length).toBeGreaterThan(0);
    // Each error line names a file and the cause: `pario: PATH: … ENOSPC / no space left …`.
    for (const line of errors) expect(line).toMatch(/^pario: \S+: .*(ENOSPC|[Nn]o space left)/);
    const named = errors.map((line) => line.slice('pario: '.length, line.indexOf(': ', 'pario: '.length)));
    for (const path of named) expect([...tree.keys()].some((rel) => path.endsWith(rel)), path).toBe(true);
    expect(named.some((path) => path.endsWith('big.bin'))).toBe(true); // 9 MiB never fits in 4 MiB

    // Whatever is on the full disk is complete and valid; nothing else is there.
    expect(temps(disk)).toEqual([]);
    const written = walk(disk);
    expect(written.filter((rel) => !rel.endsWith('.gz') || isTemp(rel))).toEqual([]);
    expect(checkOutputs(disk, tree, '.gz')).toBe(written.length);
    expect(written.length + named.length).toBe(tree.size); // every file: an output, or an error naming it
    for (const path of named) expect(written.some((rel) => path.endsWith(rel.slice(0, -3)))).toBe(false);
    // Originals untouched, no temp beside them.
    for (const [rel, data] of tree) expect(readFileSync(join(src, rel)).equals(data), rel).toBe(true);
    expect(temps(src)).toEqual([]);
  }, 60_000);
});
