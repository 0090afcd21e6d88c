// A manifest's entries in little memory: each kept as its compact JSON text (one string per entry), parsed only when
// asked for. A 200,000-entry manifest held as parsed objects (entry, outputs array, output object, three strings) cost
// ~300 bytes an entry and a GC that walked them all; an unchanged entry is carried to the next manifest as its text,
// never parsed and written again.
import type { ManifestEntry } from './manifest.js';

/** The text each parsed entry came from, so that carrying it over (set) writes the same text without encoding it. */
const TEXT = new WeakMap<object, string>();
/** The path each parsed entry was stored under: carried over under the same path, that string is shared, not kept twice. */
const NAME = new WeakMap<object, string>();

/** A manifest entry's text as it is stored and written: its JSON, keys in the order size, mtimeNs, ino, digests, outputs. */
export function entryText(entry: ManifestEntry): string {
  const known = TEXT.get(entry);
  if (known !== undefined) return known;
  const { size, mtimeNs, ino, digests, outputs, ...rest } = entry as ManifestEntry & Record<string, unknown>;
  return JSON.stringify({ size, mtimeNs, ino, digests, outputs, ...rest });
}

/**
 * Whether an entry's text is one pario writes (entryText): the fields of the right types, then digests and outputs in
 * their shapes, all valid JSON (checked with one regular expression, ~0.2 µs an entry; parsing it took ~1 µs and
 * left garbage). Other valid layouts are parsed and checked instead (manifest-lines.ts).
 */
export function wellFormedText(text: string): boolean {
  return CANONICAL.test(text);
}
const STR = '"(?:[^"\\\\\\x00-\\x1f]|\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4}))*"';
const NUM = '\\d{1,20}';
const OUTPUT = `(?:${STR}|\\{"path":${STR},"ino":${NUM},"size":${NUM}\\})`;
const DIGESTS = '\\{"[a-z0-9-]{1,16}":"[0-9a-f]*"(?:,"[a-z0-9-]{1,16}":"[0-9a-f]*")*\\}';
const CANONICAL = new RegExp(
  `^\\{"size":${NUM},"mtimeNs":"\\d{1,24}","ino":${NUM}(?:,"digests":${DIGESTS})?(?:,"outputs":\\[(?:${OUTPUT}(?:,${OUTPUT})*)?\\])?\\}$`,
);

/** Thrown by get() for an entry whose text is not a manifest entry (the caller names the manifest). */
export class CorruptEntry extends Error {
  constructor(readonly entryName: string) {
    super(`corrupt manifest entry for ${JSON.stringify(entryName)}`);
  }
}

/** Path → entry, as a Map of the entries' texts (the Map methods the manifest's users need). */
export class ManifestEntries {
  private readonly texts = new Map<string, string>();

  get size(): number {
    return this.texts.size;
  }

  has(name: string): boolean {
    return this.texts.has(name);
  }

  /** The entry, parsed from its text (a new object on each call). */
  get(name: string): ManifestEntry | undefined {
    const text = this.texts.get(name);
    if (text === undefined) return undefined;
    let entry: ManifestEntry;
    try {
      entry = JSON.parse(text) as ManifestEntry;
    } catch {
      throw new CorruptEntry(name);
    }
    if (!validEntry(entry)) throw new CorruptEntry(name);
    TEXT.set(entry, text);
    NAME.set(entry, name);
    return entry;
  }

  set(name: string, entry: ManifestEntry): this {
    const stored = NAME.get(entry);
    this.texts.set(stored === name ? stored : name, entryText(entry));
    return this;
  }

  /** Stores an entry's text as it is (checked by the caller with wellFormedText, or written by entryText). */
  setText(name: string, text: string): void {
    this.texts.set(name, text);
  }

  text(name: string): string | undefined {
    return this.texts.get(name);
  }

  delete(name: string): boolean {
    return this.texts.delete(name);
  }

  keys(): IterableIterator<string> {
    return this.texts.keys();
  }

  /** [path, text] in insertion order. */
  allTexts(): IterableIterator<[string, string]> {
    return this.texts.entries();
  }

  *entries(): IterableIterator<[string, ManifestEntry]> {
    for (const name of this.texts.keys()) yield [name, this.get(name) as ManifestEntry];
  }

  [Symbol.iterator](): IterableIterator<[string, ManifestEntry]> {
    return this.entries();
  }
}

/** The fields every entry has, of the right types (what a v1 manifest's loader checked). */
export function validEntry(e: unknown): e is ManifestEntry {
  const x = e as Partial<ManifestEntry> | null;
  return x !== null && typeof x === 'object' && typeof x.size === 'number' && typeof x.mtimeNs === 'string' && typeof x.ino === 'number';
}
