import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countAhead, type Totals } from '../../src/cli/progress-count.js';
import { shardOf } from '../../src/runs/select.js';
import { resolveBase } from '../../src/options.js';
import { tempDir } from '../helpers/temp.js';

async function settled(totals: Totals): Promise<Totals> {
  await totals.ended;
  return totals;
}

describe('the count behind the progress line', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'sub'));
  const sizes: Record<string, number> = { 'a.txt': 10, 'b.log': 200, 'sub/c.txt': 3000, 'sub/d.txt': 0 };
  for (const [name, size] of Object.entries(sizes)) writeFileSync(join(dir, name), Buffer.alloc(size));
  writeFileSync(join(dir, '.gitignore'), '*.log\n');
  // Since issue 18 item 3 a folder's dot files are walked too: the .gitignore itself (6 bytes) is one of the files.
  const all: Record<string, number> = { ...sizes, '.gitignore': 6 };

  it('counts what the walk yields, with the byte total and each size while the files are few', async () => {
    const totals = await settled(countAhead(['.'], resolveBase({ cwd: dir })));
    expect(totals).toMatchObject({ files: 5, bytes: 3216, final: true });
    expect(totals.sizeOf('sub/c.txt')).toBe(3000);
  });

  it('follows the same rules as the run (ignore rules, without counting them twice), and keeps only its share', async () => {
    const o = resolveBase({ cwd: dir, gitignore: true });
    expect(await settled(countAhead(['.'], o))).toMatchObject({ files: 4, bytes: 3016 });
    expect(o.ignore?.counts).toEqual({ files: 0, folders: 0 });
    const mine = Object.keys(all).filter((p) => shardOf(p, 2) === 2);
    const share = await settled(countAhead(['.'], resolveBase({ cwd: dir }), { index: 2, count: 2 }));
    expect(share).toMatchObject({ files: mine.length, bytes: mine.reduce((sum, p) => sum + (all[p] ?? 0), 0) });
  });

  it('leaves out the names the run skips (so that outputs written meanwhile never swell the total)', async () => {
    const skipsLogs = (p: string): boolean => !p.endsWith('.log');
    expect(await settled(countAhead(['.'], resolveBase({ cwd: dir }), undefined, skipsLogs))).toMatchObject({ files: 4, bytes: 3016 });
  });

  it('leaves the byte total unknown past 1,000 files', async () => {
    const many = tempDir();
    for (let i = 0; i < 1001; i += 1) writeFileSync(join(many, `f${i}`), 'x');
    const totals = await settled(countAhead(['.'], resolveBase({ cwd: many })));
    expect(totals).toMatchObject({ files: 1001, bytes: undefined, final: true });
    expect(totals.sizeOf('f1')).toBeUndefined();
  });
});
