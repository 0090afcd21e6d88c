// A manifest entry's text, checked and read: the layout pario writes is matched by one regular expression and read by
// position; any other valid layout is parsed as JSON and checked.
import type { ManifestEntry, ManifestOutput } from './manifest.js';

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

/** The entry a text holds (CorruptEntry, naming `name`, when it holds none). */
export function parseEntryText(name: string, text: string): ManifestEntry {
  let entry: ManifestEntry | undefined = fastParse(text);
  if (entry !== undefined) return entry;
  try {
    entry = JSON.parse(text) as ManifestEntry;
  } catch {
    throw new CorruptEntry(name);
  }
  if (!validEntry(entry)) throw new CorruptEntry(name);
  return entry;
}
