import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestBuilder } from '../../src/runs/incremental.js';
import { ManifestEntries, formatManifest, loadManifest, parseManifest, saveManifest } from '../../src/runs/manifest.js';
import type { ManifestEntry } from '../../src/runs/manifest.js';
import { tempDir } from '../helpers/temp.js';

/** Entries as plain data, in key order of their paths. */
function plain(entries: ManifestEntries): Record<string, ManifestEntry> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const ODD = ['quote"d', 'new\nline', 'back\\slash', 'tab\there', 'lone\uDC80byte', 'ünï/cødé', '\u{1F600}'];

describe('manifest layout', () => {
  const dir = tempDir();

  it('a pretty-printed manifest of an older pario loads; it is saved one entry a line, still version 1 JSON of the same data', async () => {
    const old = {
      kind: 'pario-manifest',
      version: 1,
      command: 'compress',
      entries: {
        'b.txt': { size: 2, mtimeNs: '1700000000000000001', ino: 7, outputs: [{ path: 'b.txt.gz', ino: 8, size: 30 }] },
        'a.txt': { ino: 5, mtimeNs: '1700000000000000000', size: 1, outputs: ['a.txt.gz'] }, // keys in another order, bare output
        ...Object.fromEntries(ODD.map((name, i) => [name, { size: i, mtimeNs: String(i), ino: i, digests: { sha256: 'ab'.repeat(32) } }])),
      },
    };
    const path = join(dir, 'old.json');
    writeFileSync(path, `${JSON.stringify(old, null, 1)}\n`);
    const loaded = await loadManifest(path, 'compress');
    expect(plain(loaded.entries)).toEqual(old.entries);
    await saveManifest(path, loaded);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('{"kind":"pario-manifest","version":1,"command":"compress","entries":{');
    expect(lines.slice(-2)).toEqual(['}}', '']);
    expect(lines).toHaveLength(Object.keys(old.entries).length + 3);
    expect(lines[1]).toBe('"a.txt":{"size":1,"mtimeNs":"1700000000000000000","ino":5,"outputs":["a.txt.gz"]},');
    expect(JSON.parse(text)).toEqual(old); // any JSON reader (and an older pario) reads the same data
    const again = await loadManifest(path, 'compress');
    expect(plain(again.entries)).toEqual(old.entries);
    expect(formatManifest(again)).toBe(text); // equal runs give equal files
    expect(parseManifest(path, text).entries.size).toBe(Object.keys(old.entries).length);
  });

  it('reads a large manifest a piece at a time: names with multibyte characters across the pieces', async () => {
    const entries = new ManifestEntries();
    for (let i = 0; i < 30_000; i += 1) {
      const name = `dïr-${i % 97}/fïlé-${String(i).padStart(6, '0')}-ü.txt`;
      const outputs = [{ path: `${name}.gz`, ino: i + 2, size: 9 }];
      entries.set(name, { size: i, mtimeNs: `17000000000${String(i).padStart(8, '0')}`, ino: i + 1, outputs });
    }
    const path = join(dir, 'large.json');
    await saveManifest(path, { command: 'compress', entries });
    expect(readFileSync(path).length).toBeGreaterThan(3 << 20); // several of the reader's 1 MiB pieces
    const loaded = await loadManifest(path, 'compress');
    expect(loaded.entries.size).toBe(30_000);
    expect(loaded.entries.get('dïr-5/fïlé-029979-ü.txt')).toEqual(entries.get('dïr-5/fïlé-029979-ü.txt'));
    expect(formatManifest(loaded)).toBe(readFileSync(path, 'utf8'));
  });

  it('a carried-over entry is written as the text it was read from; a recorded one in the same layout', async () => {
    const first = new ManifestEntries().set('a', { size: 1, mtimeNs: '2', ino: 3, digests: { sha256: 'ff' } });
    const previous = parseManifest('m', formatManifest({ command: 'hash', entries: first }));
    const builder = new ManifestBuilder();
    builder.keep('a', previous.entries.get('a') as ManifestEntry);
    builder.record({ path: 'b', abs: '/b', index: 1, stat: { size: 4, mtimeNs: '5', mtimeMs: 0, ino: 6 } }, { digests: { sha256: 'ee' } });
    expect(formatManifest(builder.manifest('hash'))).toBe(
      '{"kind":"pario-manifest","version":1,"command":"hash","entries":{\n'
      + '"a":{"size":1,"mtimeNs":"2","ino":3,"digests":{"sha256":"ff"}},\n'
      + '"b":{"size":4,"mtimeNs":"5","ino":6,"digests":{"sha256":"ee"}}\n'
      + '}}\n',
    );
  });

  it('an entry read back equals the entry stored, whatever its shape (read by position, or parsed)', () => {
    const shapes: ManifestEntry[] = [
      { size: 0, mtimeNs: '0', ino: 0 },
      { size: 12, mtimeNs: '1700000000123456789', ino: 99, digests: { sha256: 'ab12', 'blake2b-256': 'cd', xxh3: '' } },
      { size: 1, mtimeNs: '2', ino: 3, outputs: [{ path: 'a.gz', ino: 4, size: 5 }, { path: 'a.br', ino: 6, size: 7 }] },
      { size: 1, mtimeNs: '2', ino: 3, digests: { md5: 'ff' }, outputs: [] },
      { size: 1, mtimeNs: '2', ino: 3, outputs: ['old.gz', { path: 'new.gz', ino: 1, size: 2 }] },
      { size: 1, mtimeNs: '2', ino: 3, outputs: [{ path: 'q"uote\\d/\u00e9.gz', ino: 1, size: 2 }] },
      { size: 1.5, mtimeNs: 'x","ino":7', ino: -1, digests: { sha256: 'a,b' } },
      // Keys in another order (a hand-edited or older manifest): never read by position into the wrong field.
      { size: 1, mtimeNs: '2', ino: 3, outputs: [{ path: 'a', size: 2, ino: 1 } as never, { path: 'b', ino: 3, size: 4 }] },
      { mtimeNs: '5', size: 1, digests: { md5: 'ff' }, ino: 9 } as ManifestEntry,
    ];
    const entries = new ManifestEntries();
    shapes.forEach((entry, i) => entries.set(String(i), entry));
    const loaded = parseManifest('m', formatManifest({ command: 'hash', entries }));
    shapes.forEach((entry, i) => {
      expect(loaded.entries.get(String(i))).toEqual(entry);
      expect(JSON.parse(loaded.entries.text(String(i)) as string)).toEqual(entry);
    });
  });

  it('a cut, corrupt or foreign text in the line layout is an error naming the file', async () => {
    const two = new ManifestEntries().set('a', { size: 1, mtimeNs: '2', ino: 3 }).set('b', { size: 1, mtimeNs: '2', ino: 3 });
    const good = formatManifest({ command: 'hash', entries: two });
    const path = join(dir, 'bad.json');
    const cases: [string, RegExp][] = [
      [good.slice(0, good.indexOf('\n"b"')), /not valid JSON/],
      [good.replace('"size":1,', '"size":"1",'), /corrupt manifest entry for "a"/],
      [good.replace('"ino":3}', '"ino":3,}'), /not valid JSON/],
      [good.replace('"size":1,', '"size":01,'), /not valid JSON/], // a leading zero: not a JSON number
      [good.replace('"version":1', '"version":2'), /version 2 is not supported/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(path, text);
      const error = { code: 'ERR_PARIO_MANIFEST', message: expect.stringMatching(message) };
      await expect(loadManifest(path, 'hash')).rejects.toMatchObject(error);
      await expect(loadManifest(path, 'hash')).rejects.toThrow(path);
    }
  });
});
