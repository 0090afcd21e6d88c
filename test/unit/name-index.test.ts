// A manifest read from a file finds its lines by their names' bytes (name-index.ts), not through a Map of strings.
// It must answer exactly as a Map of the same entries would: here against the manifest parsed as text (a plain Map),
// over names in every UTF-8 length, duplicates (the last line wins) and random sets and deletes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, parseManifest } from '../../src/runs/manifest.js';
import type { ManifestEntries, ManifestEntry } from '../../src/runs/manifest.js';
import { hashOfString } from '../../src/runs/name-index.js';
import { tempDir } from '../helpers/temp.js';

const entry = (i: number): ManifestEntry => ({ size: i, mtimeNs: String(1_700_000_000_000_000_000n + BigInt(i)), ino: i });
const NAMES = ['a', 'b/c', 'caf\u00e9', '\u4e2d\u6587/x', 'e\u{1f600}', 'z\u07ff', 'plain', 'dup', 'q"uote', 'tab\tname', 'last'];

/** A manifest's text with `lines` as its entry lines, in that order (duplicates kept: JSON's last one wins). */
function manifestText(lines: readonly [string, ManifestEntry][]): string {
  const body = lines.map(([name, e]) => `${JSON.stringify(name)}:${JSON.stringify(e)}`).join(',\n');
  return `{"kind":"pario-manifest","version":1,"command":"hash","entries":{\n${body}\n}}\n`;
}

function same(read: ManifestEntries, model: ManifestEntries, names: readonly string[]): void {
  expect(read.size).toBe(model.size);
  expect([...read.keys()].sort()).toEqual([...model.keys()].sort());
  for (const name of names) {
    expect(read.has(name), name).toBe(model.has(name));
    expect(read.get(name), name).toEqual(model.get(name));
  }
}

describe('a manifest read finds its lines by their bytes', () => {
  const dir = tempDir();

  it('hashes a name as the bytes it is written in (one, two, three and four bytes a character)', () => {
    const fnv = (bytes: Buffer): number => bytes.reduce((h, b) => Math.imul(h ^ b, 0x01000193), 0x811c9dc5) >>> 0;
    for (const name of NAMES) expect(hashOfString(name), name).toBe(fnv(Buffer.from(name)));
    expect(hashOfString('x\ud800y')).toBe(fnv(Buffer.from('x\ud800y'))); // a lone surrogate, as Buffer.from writes it
  });

  it('answers as a Map of the same entries, duplicates included (the last line wins)', async () => {
    const lines: [string, ManifestEntry][] = NAMES.map((name, i) => [name, entry(i)]);
    lines.push(['dup', entry(90)], ['b/c', entry(91)]);
    const path = join(dir, 'dups.json');
    writeFileSync(path, manifestText(lines));
    const read = await loadManifest(path, 'hash');
    same(read.entries, parseManifest('m', manifestText(lines)).entries, [...NAMES, 'nope', 'caf', 'e\u{1f601}', '']);
    expect(read.entries.get('dup')).toEqual(entry(90));
  });

  it('two names with the same hash are told apart by their bytes', async () => {
    const [a, b] = ['n512789', 'n749192']; // FNV-1a 32 collide (found by a search over n0, n1, …)
    expect(hashOfString(a)).toBe(hashOfString(b));
    const path = join(dir, 'collide.json');
    writeFileSync(path, manifestText([[a, entry(1)], [b, entry(2)]]));
    const read = (await loadManifest(path, 'hash')).entries;
    expect([read.get(a), read.get(b), read.size]).toEqual([entry(1), entry(2), 2]);
    read.delete(a);
    expect([read.get(a), read.get(b), read.size]).toEqual([undefined, entry(2), 1]);
  });

  it('random sets, stores again and deletes give what a Map gives', async () => {
    const path = join(dir, 'ops.json');
    const lines: [string, ManifestEntry][] = NAMES.map((name, i) => [name, entry(i)]);
    writeFileSync(path, manifestText(lines));
    let seed = 7;
    const next = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let round = 0; round < 200; round += 1) {
      const read = (await loadManifest(path, 'hash')).entries;
      const model = parseManifest('m', manifestText(lines)).entries;
      for (let op = 0; op < 12; op += 1) {
        const name = NAMES[next(NAMES.length)] as string;
        const kind = next(4);
        if (kind === 0) {
          read.delete(name);
          model.delete(name);
        } else if (kind === 1) {
          read.set(name, entry(100 + op));
          model.set(name, entry(100 + op));
        } else {
          const got = read.get(name); // stored back as it was got: a line read, kept where it is
          if (got !== undefined) read.set(name, got);
          const modelGot = model.get(name);
          if (modelGot !== undefined) model.set(name, modelGot);
        }
      }
      same(read, model, NAMES);
    }
  });
});
