// A manifest's entries in little memory: each kept as its compact JSON text, parsed only when asked for. A manifest
// read from a file keeps its entries where they are, in the file's bytes (manifest-table.ts: one buffer outside V8's
// heap; an entry is the number of its line there), so that a 200,000-entry rerun holds ~17 MB of heap, not ~60 MB of
// strings that V8 lets grow its old space to four times as much. An unchanged entry is carried to the next manifest as
// that number, never parsed and written again.
import type { ManifestEntry, ManifestOutput } from './manifest.js';
import type { LineTable } from './manifest-table.js';

/** An entry's stored text: the text itself, or the number of its line in the manifest read (a LineTable). */
type Stored = string | number;

/**
 * An entry read from a manifest, with what it was stored as and the path it was stored under (private: not data, never
 * compared or written): carried over under the same path, the same strings (or line) are stored again.
 */
class StoredEntry {
  readonly #stored: Stored;
  readonly #lines: LineTable | undefined;
  readonly #name: string;
  readonly size: number;
  readonly mtimeNs: string;
  readonly ino: number;
  declare readonly digests?: Readonly<Record<string, string>>;
  declare readonly outputs?: readonly (ManifestOutput | string)[];

  constructor(fields: ManifestEntry, stored: Stored, lines: LineTable | undefined, name: string) {
    this.#stored = stored;
    this.#lines = lines;
    this.#name = name;
    this.size = fields.size;
    this.mtimeNs = fields.mtimeNs;
    this.ino = fields.ino;
    if (fields.digests !== undefined) (this as { digests?: ManifestEntry['digests'] }).digests = fields.digests;
    if (fields.outputs !== undefined) (this as { outputs?: ManifestEntry['outputs'] }).outputs = fields.outputs;
  }

  static storedOf(entry: ManifestEntry): { stored: Stored; lines: LineTable | undefined; name: string } | undefined {
    if (!(#stored in entry)) return undefined;
    const e = entry as StoredEntry;
    return { stored: e.#stored, lines: e.#lines, name: e.#name };
  }
}

/** A manifest entry's text as it is stored and written: its JSON, keys in the order size, mtimeNs, ino, digests, outputs. */
export function entryText(entry: ManifestEntry): string {
  const known = StoredEntry.storedOf(entry);
  if (known !== undefined) return typeof known.stored === 'string' ? known.stored : (known.lines as LineTable).text(known.stored);
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
const NUM = '(?:0|[1-9]\\d{0,19})'; // as JSON has them: no leading zero
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
  private readonly texts = new Map<string, Stored>();

  /** `lines`: the manifest as read, where entries stored by line (setLine) are. */
  constructor(private lines?: LineTable) {}

  get size(): number {
    return this.texts.size;
  }

  has(name: string): boolean {
    return this.texts.has(name);
  }

  /** The entry, parsed from its text (a new object on each call). */
  get(name: string): ManifestEntry | undefined {
    const stored = this.texts.get(name);
    if (stored === undefined) return undefined;
    const text = typeof stored === 'string' ? stored : (this.lines as LineTable).text(stored);
    let entry: ManifestEntry | undefined = fastParse(text);
    if (entry === undefined) {
      try {
        entry = JSON.parse(text) as ManifestEntry;
      } catch {
        throw new CorruptEntry(name);
      }
      if (!validEntry(entry)) throw new CorruptEntry(name);
    }
    return new StoredEntry(entry, stored, this.lines, name);
  }

  set(name: string, entry: ManifestEntry): this {
    const from = StoredEntry.storedOf(entry);
    if (from === undefined) return this.setText(name, entryText(entry));
    if (typeof from.stored === 'string') return this.setText(from.name === name ? from.name : name, from.stored);
    this.lines ??= from.lines; // the next manifest keeps its unchanged entries where the last one read them
    // A line is written as it was read, name included: under another name, or from another manifest, the text is.
    if (this.lines !== from.lines || from.name !== name) return this.setText(name, (from.lines as LineTable).text(from.stored));
    this.texts.set(from.name, from.stored);
    return this;
  }

  /** Stores an entry's text as it is (checked by the caller with wellFormedText, or written by entryText). */
  setText(name: string, text: string): this {
    this.texts.set(name, text);
    return this;
  }

  /** Stores an entry as line `line` (its text checked as setText's) of the table this was made with. */
  setLine(name: string, line: number): void {
    this.texts.set(name, line);
  }

  text(name: string): string | undefined {
    const stored = this.texts.get(name);
    return typeof stored === 'number' ? (this.lines as LineTable).text(stored) : stored;
  }

  /** The entry's text, or the number of its line in `lineTable()` (written from there as it was read). */
  stored(name: string): Stored | undefined {
    return this.texts.get(name);
  }

  lineTable(): LineTable | undefined {
    return this.lines;
  }

  delete(name: string): boolean {
    return this.texts.delete(name);
  }

  keys(): IterableIterator<string> {
    return this.texts.keys();
  }

  /** [path, text] in insertion order. */
  *allTexts(): IterableIterator<[string, string]> {
    for (const name of this.texts.keys()) yield [name, this.text(name) as string];
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

/**
 * The fields of an entry in the layout pario writes, read by position (JSON.parse took ~0.7 µs an entry): undefined
 * for any other text (escapes in a path, outputs without ino, other key orders), which JSON.parse reads instead.
 */
function fastParse(text: string): ManifestEntry | undefined {
  if (!text.startsWith('{"size":')) return undefined;
  const sizeEnd = text.indexOf(',"mtimeNs":"', 8);
  const mtimeEnd = text.indexOf('","ino":', sizeEnd + 12);
  if (sizeEnd < 0 || mtimeEnd < 0 || text.includes('\\')) return undefined;
  // Each field ends at its own closing quote: keys in another order would put a later key's marker first.
  if (text.indexOf('"', sizeEnd + 12) !== mtimeEnd) return undefined;
  let at = mtimeEnd + 8;
  let c = text.charCodeAt(at);
  while (c >= 0x30 && c <= 0x39) c = text.charCodeAt(++at);
  const size = Number(text.slice(8, sizeEnd));
  if (Number.isNaN(size)) return undefined;
  const entry: { size: number; mtimeNs: string; ino: number; digests?: Record<string, string>; outputs?: ManifestOutput[] } = {
    size, mtimeNs: text.slice(sizeEnd + 12, mtimeEnd), ino: Number(text.slice(mtimeEnd + 8, at)),
  };
  if (text.startsWith(',"digests":{"', at)) {
    DIGEST_LIST.lastIndex = at + 11;
    if (!DIGEST_LIST.test(text)) return undefined;
    const end = DIGEST_LIST.lastIndex - 1;
    const digests: Record<string, string> = {};
    for (const pair of text.slice(at + 12, end).split(',')) {
      const colon = pair.indexOf(':');
      digests[pair.slice(1, colon - 1)] = pair.slice(colon + 2, -1);
    }
    entry.digests = digests;
    at = end + 1;
  }
  if (text.startsWith(',"outputs":[', at)) {
    const outputs: ManifestOutput[] = [];
    at += 12;
    while (text.startsWith('{"path":"', at)) {
      const pathEnd = text.indexOf('","ino":', at + 9);
      const inoEnd = text.indexOf(',"size":', pathEnd + 8);
      const end = text.indexOf('}', inoEnd + 8);
      if (pathEnd < 0 || inoEnd < 0 || end < 0 || text.indexOf('"', at + 9) !== pathEnd) return undefined;
      const path = text.slice(at + 9, pathEnd);
      const output = { path, ino: Number(text.slice(pathEnd + 8, inoEnd)), size: Number(text.slice(inoEnd + 8, end)) };
      if (Number.isNaN(output.ino) || Number.isNaN(output.size)) return undefined; // not numbers: as JSON.parse reads them
      outputs.push(output);
      at = text.charCodeAt(end + 1) === 0x2c ? end + 2 : end + 1;
    }
    if (text.charCodeAt(at) !== 0x5d) return undefined; // a bare path, or another shape
    entry.outputs = outputs;
    at += 1;
  }
  return at === text.length - 1 && text.charCodeAt(at) === 0x7d ? entry : undefined;
}
const DIGEST_LIST = new RegExp(DIGESTS, 'y');
