import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planChunks, type Planned } from '../../src/runs/incremental.js';
import { singles } from '../../src/pool/groups.js';
import { ManifestEntries, type ManifestEntry } from '../../src/runs/manifest.js';
import type { FoundFile } from '../../src/planner/find.js';

const root = mkdtempSync(join(tmpdir(), 'pario-walked-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function entryOf(abs: string, outputs: string[]): ManifestEntry {
  const st = statSync(abs, { bigint: true });
  return { size: Number(st.size), mtimeNs: String(st.mtimeNs), ino: Number(st.ino), outputs };
}

async function planned(walk: string[], pairs: Map<string, ManifestEntry>): Promise<Record<string, Planned['kind']>> {
  async function* files(): AsyncGenerator<FoundFile> {
    let index = 0;
    for (const path of walk) yield { path, abs: join(root, path), index: index++ };
  }
  const out: Record<string, Planned['kind']> = {};
  const entries = new ManifestEntries();
  for (const [name, entry] of pairs) entries.set(name, entry);
  const plan = { cwd: root, selection: {}, previous: { command: 'compress', entries }, requireOutputs: true, now: 0 };
  for await (const group of planChunks(singles(files()), plan)) for (const p of group) out[p.file.path] = p.kind;
  return out;
}

describe('an unchanged input of a compress rerun', () => {
  it('is done while its outputs exist, whether the walk lists them (before or after it) or not; redone when one is gone', async () => {
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    for (const name of ['a/x', 'a/x.gz', 'a/y', 'a/y.gz', 'a/z', 'b/w', 'b/w.gz']) writeFileSync(join(root, name), name);
    const entries = new Map<string, ManifestEntry>([
      ['a/x', entryOf(join(root, 'a/x'), ['a/x.gz'])],
      ['a/y', entryOf(join(root, 'a/y'), ['a/y.gz'])],
      ['a/z', entryOf(join(root, 'a/z'), ['a/z.gz'])], // its output is gone
      ['b/w', entryOf(join(root, 'b/w'), ['b/w.gz'])], // its output is not walked (excluded): looked up on disk
    ]);
    const kinds = await planned(['a/x.gz', 'a/x', 'a/y', 'a/z', 'a/y.gz', 'b/w'], entries);
    expect(kinds).toEqual({ 'a/x.gz': 'run', 'a/x': 'unchanged', 'a/y': 'unchanged', 'a/z': 'run', 'a/y.gz': 'run', 'b/w': 'unchanged' });
    rmSync(join(root, 'b/w.gz'));
    expect((await planned(['b/w'], entries))['b/w']).toBe('run');
  });
});
