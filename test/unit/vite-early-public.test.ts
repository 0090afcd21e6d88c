// pario/vite's early run over the public files: what it hands on, what it leaves to writeBundle, and that it never rejects.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Pario } from '../../src/index.js';
import { createPario } from '../../src/pario.js';
import { EarlyPublic } from '../../src/vite/early-public.js';
import { publicCandidates } from '../../src/vite/files.js';
import { resolvePluginOptions } from '../../src/vite/options.js';
import { Tally } from '../../src/vite/summary.js';
import { tempDir } from '../helpers/temp.js';

const o = resolvePluginOptions({ algorithms: ['gzip'], jobs: 1 });

function folder(): string {
  const dir = tempDir('pario-early-');
  for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(join(dir, name), `${name} `.repeat(400));
  writeFileSync(join(dir, 'tiny.txt'), 'small');
  return dir;
}

describe('pario/vite early public run', () => {
  it('hands on each file the bundle did not replace, and removes the outputs of those it did', async () => {
    const dir = folder();
    const pario = createPario({ jobs: 1 });
    try {
      const run = new EarlyPublic(pario, dir, publicCandidates(dir, o.filter), o);
      const tally = new Tally(o.algorithms);
      const rest = await run.settle(tally, new Set(['b.txt']));
      expect(rest).toEqual([]);
      expect(tally.compressed).toBe(2);
      expect(tally.skipped).toBe(1); // tiny.txt, under the threshold
      expect(existsSync(join(dir, 'a.txt.gz'))).toBe(true);
      expect(existsSync(join(dir, 'b.txt.gz'))).toBe(false);
    } finally {
      await pario.close();
    }
  });

  it('leaves a file that failed early to writeBundle: a Vite that had not copied it yet fails no build', async () => {
    const source = folder();
    const out = tempDir('pario-early-out-'); // public/ not copied here (yet)
    const pario = createPario({ jobs: 1 });
    try {
      const run = new EarlyPublic(pario, out, publicCandidates(source, o.filter), o);
      const tally = new Tally(o.algorithms);
      const rest = await run.settle(tally, new Set(['c.txt']));
      expect(rest.map((c) => c.rel).sort()).toEqual(['a.txt', 'b.txt']); // c.txt: the bundle's own now
      expect(tally.failed).toEqual([]);
      expect(tally.skipped).toBe(1); // tiny.txt is under the threshold wherever it is
    } finally {
      await pario.close();
    }
  });

  it('leaves every file without an outcome to writeBundle when the run stops short, without rejecting', async () => {
    const dir = folder();
    // A run that throws before its first result (no real pool fails that way on demand).
    const broken = { compressFiles: () => { throw new Error('stopped'); } } as unknown as Pario;
    const run = new EarlyPublic(broken, dir, publicCandidates(dir, o.filter), o);
    const tally = new Tally(o.algorithms);
    const rest = await run.settle(tally, new Set());
    // tiny.txt needs no pool (under the threshold): its outcome came before the run stopped.
    expect(rest.map((c) => c.rel).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(tally.compressed + tally.failed.length).toBe(0);
  });
});
