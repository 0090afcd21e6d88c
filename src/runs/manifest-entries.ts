// A manifest's entries in little memory: each kept as its compact JSON text, parsed only when asked for. A manifest
// read from a file keeps its entries where they are, in the file's bytes (manifest-table.ts: one buffer outside V8's
// heap; an entry is the number of its line there, found by its name's bytes: name-index.ts), so that a 200,000-entry
// rerun holds no heap for it, not ~60 MB of strings that V8 lets grow its old space to four times as much. The next
// manifest keeps an unchanged entry by marking its line (one byte; no Map entry, never parsed or written again): a
// rerun that changed nothing adds nothing.
import type { ManifestEntry, ManifestOutput } from './manifest.js';
import { parseEntryText } from './manifest-parse.js';
import type { LineTable } from './manifest-table.js';
import { NameIndex, type Stored } from './name-index.js';
import { compareNames, utf16Ordered } from '../../workers/names.js';

export { CorruptEntry, validEntry, wellFormedText } from './manifest-parse.js';

/**
 * An entry read from a manifest, with what it was stored as, the entries that own its line, and the path it was stored
 * under (private: not data, never compared or written): carried over under the same path, it is kept as it was.
 */
class StoredEntry {
  readonly #stored: Stored;
  readonly #source: ManifestEntries;
  readonly #name: string;
  readonly size: number;
  readonly mtimeNs: string;
  readonly ino: number;
  declare readonly digests?: Readonly<Record<string, string>>;
  declare readonly outputs?: readonly (ManifestOutput | string)[];

  constructor(fields: ManifestEntry, stored: Stored, source: ManifestEntries, name: string) {
    this.#stored = stored;
    this.#source = source;
    this.#name = name;
    this.size = fields.size;
    this.mtimeNs = fields.mtimeNs;
    this.ino = fields.ino;
    if (fields.digests !== undefined) (this as { digests?: ManifestEntry['digests'] }).digests = fields.digests;
    if (fields.outputs !== undefined) (this as { outputs?: ManifestEntry['outputs'] }).outputs = fields.outputs;
  }

  static storedOf(entry: ManifestEntry): { stored: Stored; source: ManifestEntries; name: string } | undefined {
    if (!(#stored in entry)) return undefined;
    const e = entry as StoredEntry;
    return { stored: e.#stored, source: e.#source, name: e.#name };
  }
}

/** A manifest entry's text as it is stored and written: its JSON, keys in the order size, mtimeNs, ino, digests, outputs. */
export function entryText(entry: ManifestEntry): string {
  const known = StoredEntry.storedOf(entry);
  if (known === undefined) {
    const { size, mtimeNs, ino, digests, outputs, ...rest } = entry as ManifestEntry & Record<string, unknown>;
    return JSON.stringify({ size, mtimeNs, ino, digests, outputs, ...rest });
  }
  return typeof known.stored === 'string' ? known.stored : (known.source.lineTable() as LineTable).text(known.stored);
}

/** Lines of a manifest read, carried over as they are (marked); the entries that own them look them up by name. */
interface Kept {
  readonly source: ManifestEntries;
  readonly lines: LineTable;
  readonly marks: Uint8Array;
  count: number;
}

/**
 * Path → entry: a Map of the entries' texts (or line numbers in the manifest read), and lines of another manifest kept
 * as they are. A name stored here wins over the same name kept.
 */
export class ManifestEntries {
  /** Stored entries: texts, or lines of `lines` (a manifest read: found by their bytes, name-index.ts). */
  private readonly texts: Map<string, Stored> | NameIndex;
  private kept: Kept | undefined;

  /** `lines`: the manifest as read, where entries stored by line (setLine) are. */
  constructor(private readonly lines?: LineTable) {
    this.texts = lines === undefined ? new Map<string, Stored>() : new NameIndex(lines);
  }

  get size(): number {
    const kept = this.kept;
    if (kept === undefined) return this.texts.size;
    let both = 0;
    for (const name of this.texts.keys()) if (this.keptLine(name) !== undefined) both += 1;
    return this.texts.size + kept.count - both;
  }

  has(name: string): boolean {
    return this.texts.has(name) || this.keptLine(name) !== undefined;
  }

  /** The entry, parsed from its text (a new object on each call). */
  get(name: string): ManifestEntry | undefined {
    const stored = this.texts.get(name);
    if (stored !== undefined) {
      const text = typeof stored === 'string' ? stored : (this.lines as LineTable).text(stored);
      return new StoredEntry(parseEntryText(name, text), stored, this, name);
    }
    const line = this.keptLine(name);
    if (line === undefined) return undefined;
    const kept = this.kept as Kept;
    return new StoredEntry(parseEntryText(name, kept.lines.text(line)), line, kept.source, name);
  }

  set(name: string, entry: ManifestEntry): this {
    const from = StoredEntry.storedOf(entry);
    if (from === undefined) return this.setText(name, entryText(entry));
    if (typeof from.stored === 'string') return this.setText(from.name === name ? from.name : name, from.stored);
    if (from.source === this && from.name === name) return this.texts.set(name, from.stored), this;
    // A line is kept as it was read, name included: under another name, or from a third manifest, its text is stored.
    if (from.name === name && this.keep(from.source, from.stored)) return this;
    return this.setText(name, (from.source.lineTable() as LineTable).text(from.stored));
  }

  /** Stores an entry's text as it is (checked by the caller with wellFormedText, or written by entryText). */
  setText(name: string, text: string): this {
    this.texts.set(name, text);
    return this;
  }

  /** Stores line `line` (its text checked as setText's) of the table this was made with, under the name it has there. */
  setLine(line: number): void {
    (this.texts as NameIndex).setLine(line);
  }

  text(name: string): string | undefined {
    const stored = this.texts.get(name);
    if (stored !== undefined) return typeof stored === 'number' ? (this.lines as LineTable).text(stored) : stored;
    const line = this.keptLine(name);
    return line === undefined ? undefined : this.kept?.lines.text(line);
  }

  /** The entry's text, or the number of its line in `lineTable()`; kept lines not included. */
  stored(name: string): Stored | undefined {
    return this.texts.get(name);
  }

  /** Where entries stored or kept by line are. */
  lineTable(): LineTable | undefined {
    return this.lines ?? this.kept?.lines;
  }

  delete(name: string): boolean {
    const line = this.keptLine(name);
    if (line !== undefined) {
      const kept = this.kept as Kept;
      kept.marks[line] = 0;
      kept.count -= 1;
    }
    return this.texts.delete(name) || line !== undefined;
  }

  /**
   * The names, each once; not in the order they were set (a manifest read lists its lines in file order, then the rest):
   * inOrder() is the order that is written.
   */
  *keys(): IterableIterator<string> {
    yield* this.texts.keys();
    const kept = this.kept;
    if (kept === undefined) return;
    for (let line = 0; line < kept.marks.length; line += 1) {
      const name = kept.marks[line] === 1 ? kept.lines.name(line) : undefined;
      if (name !== undefined && !this.texts.has(name)) yield name;
    }
  }

  /**
   * Every entry in byte order of the paths: the name of one stored as text, the number of one stored or kept as a line
   * of `lineTable()` (written from there as it was read). Kept lines are in order already, when the manifest read was.
   */
  *inOrder(): Generator<string | number> {
    const kept = this.kept;
    const own = (name: string): string | number => {
      const stored = this.texts.get(name) as Stored;
      return typeof stored === 'number' ? stored : name;
    };
    if (kept === undefined || kept.count === 0 || !kept.lines.ordered) {
      for (const name of sortedNames([...this.keys()])) yield this.texts.has(name) ? own(name) : (this.keptLine(name) as number);
      return;
    }
    const names = sortedNames([...this.texts.keys()]);
    let next = 0;
    for (let line = 0; line < kept.marks.length; line += 1) {
      if (kept.marks[line] === 0) continue;
      if (next === names.length) { // nothing stored here is left to merge in: no name to decode
        yield line;
        continue;
      }
      const name = kept.lines.name(line);
      while (next < names.length && compareNames(names[next] as string, name) < 0) yield own(names[next++] as string);
      if (next < names.length && names[next] === name) yield own(names[next++] as string); // stored here: it wins
      else yield line;
    }
    while (next < names.length) yield own(names[next++] as string);
  }

  /** [path, text] (stored entries first, then kept ones). */
  *allTexts(): IterableIterator<[string, string]> {
    for (const name of this.keys()) yield [name, this.text(name) as string];
  }

  *entries(): IterableIterator<[string, ManifestEntry]> {
    for (const name of this.keys()) yield [name, this.get(name) as ManifestEntry];
  }

  [Symbol.iterator](): IterableIterator<[string, ManifestEntry]> {
    return this.entries();
  }

  /** Keeps line `line` of `source`'s table (false when this keeps another's lines, or has a table of its own). */
  private keep(source: ManifestEntries, line: number): boolean {
    const lines = source.lines;
    if (this.lines !== undefined || lines === undefined) return false;
    const kept = (this.kept ??= { source, lines, marks: new Uint8Array(lines.length), count: 0 });
    if (kept.source !== source) return false;
    if (kept.marks[line] === 0) (kept.marks[line] = 1), (kept.count += 1);
    return true;
  }

  /** The kept line of `name`, if it is kept. */
  private keptLine(name: string): number | undefined {
    const kept = this.kept;
    if (kept === undefined || kept.count === 0) return undefined;
    const line = kept.source.texts.get(name);
    return typeof line === 'number' && kept.marks[line] === 1 ? line : undefined;
  }
}

/**
 * The paths in byte order (`LC_ALL=C sort`). Names without surrogates or raw bytes (nearly all) sort by UTF-16 code
 * units, which is that order, with the built-in comparison; names already in order (a manifest read and carried over)
 * are only checked.
 */
function sortedNames(names: string[]): string[] {
  let plain = true;
  let ordered = true;
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i] as string;
    if (plain && !utf16Ordered(name)) plain = false;
    if (ordered && i > 0 && compareNames(names[i - 1] as string, name) > 0) ordered = false;
  }
  if (ordered) return names;
  return plain ? names.sort() : names.sort(compareNames);
}
