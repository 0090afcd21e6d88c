// pario's manifest layout: JSON (version 1, as before, so any JSON reader and older pario read it), one entry a line,
//   {"kind":"pario-manifest","version":1,"command":"compress","entries":{
//   "a.txt":{"size":3,"mtimeNs":"1700000000123456789","ino":12,"outputs":[{"path":"a.txt.gz","ino":13,"size":23}]},
//   …
//   }}
// so that it is read and written a line at a time, each entry kept as its text (manifest-entries.ts). A manifest in any
// other layout (pretty-printed by an older pario) is still read, parsed whole, and written in this one next time.
import { compareNames, utf16Ordered } from '../planner/walk.js';
import { ManifestEntries, entryText, validEntry, wellFormedText } from './manifest-entries.js';
import type { Manifest } from './manifest.js';

const HEADER = /^\{"kind":"pario-manifest","version":1,"command":("[a-z-]{1,32}")(?:,"cwd":("\/(?:[^"\\]|\\.)*"))?,"entries":\{$/;
const CLOSE = '}}';

/** Reads the layout a line at a time; line() is false as soon as the text is not in it (then parse it whole). */
export class LineReader {
  private command: string | undefined;
  private cwd: string | undefined;
  private readonly entries = new ManifestEntries();
  private state: 'header' | 'entries' | 'closed' = 'header';
  /** The last entry line ended with a comma: another entry must follow. */
  private more = false;

  line(line: string): boolean {
    if (this.state === 'closed') return line === '';
    if (this.state === 'header') {
      const m = HEADER.exec(line);
      if (m === null) return false;
      this.command = JSON.parse(m[1] as string) as string;
      if (m[2] !== undefined) this.cwd = jsonString(m[2]);
      if (m[2] !== undefined && this.cwd === undefined) return false; // parsed whole: named as corrupt there
      this.state = 'entries';
      return true;
    }
    if (line === CLOSE) {
      this.state = 'closed';
      return !this.more;
    }
    if (this.entries.size > 0 && !this.more) return false;
    const comma = line.charCodeAt(line.length - 1) === 0x2c;
    const end = comma ? line.length - 1 : line.length;
    const quote = line.indexOf('"', 1);
    if (line.charCodeAt(0) !== 0x22 || quote < 0 || line.charCodeAt(quote + 1) !== 0x3a) return false;
    const slash = line.indexOf('\\');
    let name: string;
    let text: string;
    if (slash < 0 || slash > quote) {
      name = line.slice(1, quote);
      text = line.slice(quote + 2, end);
      if (!wellFormedText(text)) {
        const entry = parseEntry(text);
        if (entry === undefined) return false;
        text = entryText(entry);
      }
    } else {
      // A name with an escape (a quote, a control character, a byte that is not UTF-8): the line parsed as an object.
      let pairs: [string, unknown][];
      try {
        pairs = Object.entries(JSON.parse(`{${line.slice(0, end)}}`) as Record<string, unknown>);
      } catch {
        return false;
      }
      const [pair] = pairs;
      if (pairs.length !== 1 || pair === undefined || !validEntry(pair[1])) return false;
      [name, text] = [pair[0], entryText(pair[1])];
    }
    this.entries.setText(name, text);
    this.more = comma;
    return true;
  }

  /** The manifest read, or undefined when the text ended before its last line. */
  finish(): Manifest | undefined {
    if (this.state !== 'closed' || this.command === undefined) return undefined;
    return { command: this.command, ...(this.cwd === undefined ? {} : { cwd: this.cwd }), entries: this.entries };
  }
}

function jsonString(text: string): string | undefined {
  try {
    return JSON.parse(text) as string;
  } catch {
    return undefined;
  }
}

function parseEntry(text: string): ReturnType<ManifestEntries['get']> {
  try {
    const entry = JSON.parse(text) as unknown;
    return validEntry(entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Bytes as they come → whole lines decoded (UTF-8; a character split between pieces is joined first). */
export class ChunkLines {
  private carry: Buffer[] = [];

  *push(chunk: Buffer): Generator<string> {
    const last = chunk.lastIndexOf(0x0a);
    if (last < 0) {
      this.carry.push(Buffer.from(chunk));
      return;
    }
    const head = this.carry.length === 0 ? chunk.subarray(0, last) : Buffer.concat([...this.carry, chunk.subarray(0, last)]);
    this.carry = last + 1 < chunk.length ? [Buffer.from(chunk.subarray(last + 1))] : [];
    yield* head.toString('utf8').split('\n');
  }

  *end(): Generator<string> {
    if (this.carry.length > 0) yield Buffer.concat(this.carry).toString('utf8');
    this.carry = [];
  }
}

/** The manifest's text in pieces of ~1 MB, entries in byte order of their paths (equal runs give equal files). */
export function* manifestChunks({ command, cwd, entries }: Manifest): Generator<string> {
  const names = sortedNames(entries);
  let chunk = `${JSON.stringify({ kind: 'pario-manifest', version: 1, command, cwd }).slice(0, -1)},"entries":{\n`;
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i] as string;
    chunk += `${JSON.stringify(name)}:${entries.text(name) as string}${i + 1 < names.length ? ',' : ''}\n`;
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${CLOSE}\n`;
}

/**
 * The paths in byte order (`LC_ALL=C sort`). Names without surrogates or raw bytes (nearly all) sort by UTF-16 code
 * units, which is that order, with the built-in comparison; names already in order (a manifest read and carried over)
 * are only checked.
 */
function sortedNames(entries: ManifestEntries): string[] {
  const names = [...entries.keys()];
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
