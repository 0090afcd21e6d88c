// A manifest read from a file keeps its entries in the file's bytes (manifest-table.ts) and writes kept lines back as
// they were read, runs of them in one piece. The bytes written must be exactly those of the same manifest held as
// texts (parseManifest of its text, the path every other reader takes), whatever is kept, changed, added or dropped.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestBuilder } from '../../src/runs/incremental.js';
import { formatManifest, loadManifest, parseManifest, saveManifest } from '../../src/runs/manifest.js';
import type { Manifest, ManifestEntry } from '../../src/runs/manifest.js';
import { tempDir } from '../helpers/temp.js';

const entry = (i: number): ManifestEntry => ({
  size: i, mtimeNs: `17000000001234${String(i).padStart(5, '0')}`, ino: 100 + i, outputs: [{ path: `f${i}.gz`, ino: 900 + i, size: 20 }],
});

/** Names in byte order: plain, non-ASCII (UTF-8), and a last line (no comma) to carry over. */
const NAMES = ['a', 'b/c', 'b/d', 'caf\u00e9', 'e\u4e2d', 'f', 'g', 'h', 'z'];

function source(dir: string, names: readonly string[] = NAMES): string {
  const path = join(dir, `m-${Math.random().toString(36).slice(2)}.json`);
  const m = parseManifest('m', '{"kind":"pario-manifest","version":1,"command":"compress","entries":{\n}}\n');
  names.forEach((name, i) => m.entries.set(name, entry(i)));
  writeFileSync(path, formatManifest(m));
  return path;
}

type Plan = Readonly<Record<string, 'keep' | 'change' | 'drop'>>;

/** The next manifest from `from`: kept entries carried over, changed ones recorded anew, others dropped or added. */
function next(from: Manifest, plan: Plan, added: readonly string[]): Manifest {
  const builder = new ManifestBuilder(from.cwd);
  for (const name of from.entries.keys()) {
    const fate = plan[name] ?? 'keep';
    if (fate === 'keep') builder.keep(name, from.entries.get(name) as ManifestEntry);
    if (fate === 'change') builder.entries.set(name, { ...entry(50), ino: 7 });
  }
  for (const name of added) builder.entries.set(name, entry(60));
  return builder.manifest('compress');
}

describe('manifest lines kept in the bytes read', () => {
  const dir = tempDir();

  it.each([
    ['everything kept', {}, []],
    ['the last line kept, no longer last', {}, ['zz']],
    ['the last line dropped', { z: 'drop' }, []],
    ['a run broken by a change and a drop', { 'b/d': 'change', g: 'drop' }, []],
    ['added between kept lines', { a: 'drop' }, ['b/cc', 'ff']],
    ['all changed', Object.fromEntries(NAMES.map((n) => [n, 'change'])), []],
  ] as [string, Plan, string[]][])('%s: the bytes written are those of the same manifest held as texts', async (_, plan, added) => {
    const path = source(dir);
    const read = await loadManifest(path, 'compress');
    expect(typeof read.entries.stored('a')).toBe('number'); // kept in the bytes read, not as a text
    const asTexts = parseManifest('m', readFileSync(path, 'utf8'));
    expect(typeof asTexts.entries.stored('a')).toBe('string');
    const out = join(dir, 'out.json');
    await saveManifest(out, next(read, plan, added));
    expect(readFileSync(out, 'utf8')).toBe(formatManifest(next(asTexts, plan, added)));
    const again = await loadManifest(out, 'compress');
    expect([...again.entries.keys()].length).toBe(NAMES.length + added.length - Object.values(plan).filter((f) => f === 'drop').length);
    for (const name of again.entries.keys()) expect(again.entries.get(name)).toEqual(next(asTexts, plan, added).entries.get(name));
  });

  it('an entry carried over under another name is written under that name', async () => {
    const read = await loadManifest(source(dir), 'compress');
    const builder = new ManifestBuilder();
    builder.keep('./a', read.entries.get('a') as ManifestEntry);
    builder.keep('b/c', read.entries.get('b/c') as ManifestEntry);
    const text = formatManifest(builder.manifest('compress'));
    expect(text.split('\n').slice(1, 3)).toEqual([`"./a":${JSON.stringify(entry(0))},`, `"b/c":${JSON.stringify(entry(1))}`]);
  });

  it('bytes that are not UTF-8, in a name or in an entry, are read as before, and written as JSON writes the text', async () => {
    for (const [marker, name] of [['"f":', '\ufffdf'], ['"path":"f5.gz"', 'f']] as const) {
      const path = source(dir);
      const bytes = readFileSync(path);
      const at = bytes.indexOf(marker) + (marker.startsWith('"f"') ? 1 : 9);
      const bad = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
      writeFileSync(path, bad);
      const read = await loadManifest(path, 'compress');
      expect(typeof read.entries.stored(name)).toBe('string');
      const asTexts = parseManifest('m', bad.toString('utf8'));
      expect(read.entries.get(name)).toEqual(asTexts.entries.get(name));
      const out = join(dir, 'bad-out.json');
      await saveManifest(out, next(read, {}, []));
      expect(readFileSync(out, 'utf8')).toBe(formatManifest(next(asTexts, {}, [])));
    }
  });

  it('a name with a quote is read on its own; the lines around it stay in the bytes', async () => {
    const path = source(dir, ['a', 'b', 'c"q', 'd', 'e']);
    const read = await loadManifest(path, 'compress');
    expect(read.entries.get('c"q')).toEqual(entry(2));
    expect(typeof read.entries.stored('d')).toBe('number');
    const out = join(dir, 'quote-out.json');
    await saveManifest(out, next(read, { b: 'change' }, []));
    expect(readFileSync(out, 'utf8')).toBe(formatManifest(next(parseManifest('m', readFileSync(path, 'utf8')), { b: 'change' }, [])));
  });

  it('8,000 entries: long runs go out as views of the bytes read, the output in several pieces, the same bytes', async () => {
    const names = Array.from({ length: 8000 }, (_, i) => `dir/${String(i).padStart(5, '0')}.txt`);
    const path = source(dir, names);
    const read = await loadManifest(path, 'compress');
    const asTexts = parseManifest('m', readFileSync(path, 'utf8'));
    const out = join(dir, 'many-out.json');
    await saveManifest(out, next(read, {}, []));
    expect(readFileSync(out).equals(readFileSync(path))).toBe(true);
    const plan: Plan = { 'dir/00000.txt': 'drop', 'dir/04000.txt': 'change', 'dir/07999.txt': 'drop' };
    await saveManifest(out, next(read, plan, ['dir/05000.txu']));
    expect(readFileSync(out, 'utf8')).toBe(formatManifest(next(asTexts, plan, ['dir/05000.txu'])));
  });

  it('a kept line that is stored again, or deleted, is written once as stored, or not at all; size, has and keys agree', async () => {
    const read = await loadManifest(source(dir), 'compress');
    const builder = new ManifestBuilder();
    for (const name of read.entries.keys()) builder.keep(name, read.entries.get(name) as ManifestEntry);
    builder.entries.set('b/c', entry(70)); // kept, then redone
    builder.entries.delete('f');
    builder.entries.delete('g');
    builder.entries.set('g', entry(71)); // deleted, then back
    const names = NAMES.filter((n) => n !== 'f');
    expect(builder.entries.size).toBe(names.length);
    expect(builder.entries.has('f')).toBe(false);
    expect(builder.entries.has('a')).toBe(true);
    expect([...builder.entries.keys()].sort()).toEqual([...names].sort());
    expect(builder.entries.get('b/c')).toEqual(entry(70));
    const text = formatManifest(builder.manifest('compress'));
    const again = parseManifest('m', text);
    expect([...again.entries.keys()]).toEqual(names);
    expect(again.entries.get('b/c')).toEqual(entry(70));
    expect(again.entries.get('g')).toEqual(entry(71));
    expect(again.entries.get('h')).toEqual(entry(7));
    // Stored first and kept after (a path named twice, redone once): what was stored stays.
    const twice = new ManifestBuilder();
    twice.entries.set('a', entry(72));
    twice.keep('a', read.entries.get('a') as ManifestEntry);
    expect(twice.entries.size).toBe(1);
    expect(parseManifest('m', formatManifest(twice.manifest('compress'))).entries.get('a')).toEqual(entry(72));
  });

  it('a manifest whose lines are out of order (edited by hand) is written back in order', async () => {
    const path = source(dir);
    const lines = readFileSync(path, 'utf8').split('\n');
    const body = lines.slice(1, -2).map((l) => l.replace(/,$/, ''));
    [body[0], body[3]] = [body[3] as string, body[0] as string];
    writeFileSync(path, [lines[0], body.join(',\n'), '}}', ''].join('\n'));
    const read = await loadManifest(path, 'compress');
    const out = join(dir, 'order-out.json');
    await saveManifest(out, next(read, { h: 'change' }, ['b/a']));
    const expected = formatManifest(next(parseManifest('m', readFileSync(path, 'utf8')), { h: 'change' }, ['b/a']));
    expect(readFileSync(out, 'utf8')).toBe(expected);
    const inOrder = ['a', 'b/a', 'b/c', 'b/d', 'caf\u00e9', 'e\u4e2d', 'f', 'g', 'h', 'z'];
    expect([...parseManifest('m', expected).entries.keys()]).toEqual(inOrder);
  });
});
