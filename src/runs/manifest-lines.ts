// pario's manifest layout: JSON (version 1, as before, so any JSON reader and older pario read it), one entry a line,
//   {"kind":"pario-manifest","version":1,"command":"compress","entries":{
//   "a.txt":{"size":3,"mtimeNs":"1700000000123456789","ino":12,"outputs":[{"path":"a.txt.gz","ino":13,"size":23}]},
//   …
//   }}
// so that it is read and written a line at a time, each entry kept as its text (manifest-entries.ts). A manifest in any
// other layout (pretty-printed by an older pario) is still read, parsed whole, and written in this one next time.
import { ManifestEntries, entryText, validEntry, wellFormedText } from './manifest-entries.js';
import type { Manifest } from './manifest.js';
import { LineTable } from './manifest-table.js';

const HEADER = /^\{"kind":"pario-manifest","version":1,"command":("[a-z-]{1,32}")(?:,"cwd":("\/(?:[^"\\]|\\.)*"))?,"entries":\{$/;
const CLOSE = '}}';
const CONTROL = /[\x00-\x1f]/;

/**
 * Reads the layout a line at a time; line() is false as soon as the text is not in it (then parse it whole). Made with
 * the manifest's bytes, and told where each line starts in them, it keeps entries there (ManifestEntries.setLine).
 */
export class LineReader {
  private command: string | undefined;
  private cwd: string | undefined;
  private readonly entries: ManifestEntries;
  private state: 'header' | 'entries' | 'closed' = 'header';
  /** The last entry line ended with a comma: another entry must follow. */
  private more = false;

  private readonly lines: LineTable | undefined;

  constructor(bytes?: Buffer) {
    this.lines = bytes === undefined ? undefined : new LineTable(bytes);
    this.entries = new ManifestEntries(this.lines);
  }

  /** `at`: where the line starts in the bytes given to the constructor. */
  line(line: string, at?: number): boolean {
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
    if (line.charCodeAt(0) !== 0x22 || quote < 0) return false;
    const slash = line.indexOf('\\');
    let name: string;
    let text: string;
    if (slash < 0 || slash > quote) {
      if (line.charCodeAt(quote + 1) !== 0x3a) return false;
      name = line.slice(1, quote);
      text = line.slice(quote + 2, end);
      // Kept where it is when written back as it was read: a line that decoded whole (no U+FFFD for bad bytes: its
      // offsets would be wrong) and a name that JSON writes as it is (no control character).
      if (wellFormedText(text) && at !== undefined && this.lines !== undefined && !line.includes('\uFFFD') && !CONTROL.test(name)) {
        const start = at + Buffer.byteLength(name) + 3;
        this.entries.setLine(this.lines.add(at, start, start + Buffer.byteLength(text))); // found by its bytes: no key string
        this.more = comma;
        return true;
      }
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

/**
 * The manifest's bytes in pieces of ~1 MB, entries in byte order of their paths (equal runs give equal files). Entry
 * lines kept from the manifest read are written as they were read, those that followed each other there in one piece.
 */
export function* manifestChunks({ command, cwd, entries }: Manifest): Generator<Uint8Array> {
  const lines = entries.lineTable();
  const out = new PieceWriter(1 << 20);
  out.text(`${JSON.stringify({ kind: 'pario-manifest', version: 1, command, cwd }).slice(0, -1)},"entries":{\n`);
  let first = -1; // the run of lines not yet written, each following the last in the bytes read: first .. last
  let last = -1;
  const flush = (): void => {
    if (first >= 0 && lines !== undefined) out.copy(lines.bytes, lines.start(first), lines.end(last));
    first = -1;
  };
  let written = 0;
  for (const entry of entries.inOrder()) {
    if (typeof entry === 'number' && first >= 0 && (lines as LineTable).follows(last, entry)) {
      last = entry;
      continue;
    }
    flush();
    if (written++ > 0) out.text(',\n');
    if (typeof entry === 'number') first = last = entry;
    else out.text(`${JSON.stringify(entry)}:${entries.text(entry) as string}`);
    if (out.full()) yield* out.take();
  }
  flush();
  out.text(written > 0 ? `\n${CLOSE}\n` : `${CLOSE}\n`);
  yield* out.take();
}

/** Text and bytes gathered into pieces of about `size` bytes; a long span of bytes is a piece of its own (a view). */
class PieceWriter {
  private pieces: Uint8Array[] = [];
  private ready = 0;
  private buffer: Buffer;
  private used = 0;

  constructor(private readonly size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** ASCII a byte at a time (a native write per short name costs more), the rest as UTF-8 from the first other. */
  text(text: string): void {
    if (this.used + text.length * 3 > this.buffer.length) this.cut(Math.max(this.size, text.length * 3));
    const buffer = this.buffer;
    let at = this.used;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.used = at + buffer.write(text.slice(i), at);
        return;
      }
      buffer[at++] = c;
    }
    this.used = at;
  }

  copy(bytes: Buffer, start: number, end: number): void {
    if (end - start >= 1 << 16) {
      this.cut(this.size);
      this.pieces.push(bytes.subarray(start, end));
      this.ready += end - start;
      return;
    }
    if (this.used + end - start > this.buffer.length) this.cut(this.size);
    this.used += bytes.copy(this.buffer, this.used, start, end);
  }

  full(): boolean {
    return this.ready + this.used >= this.size;
  }

  /** The pieces so far. */
  take(): Uint8Array[] {
    this.cut(this.size);
    const pieces = this.pieces;
    this.pieces = [];
    this.ready = 0;
    return pieces;
  }

  /** What the buffer holds becomes a piece; the writer goes on in new memory of at least `room` bytes. */
  private cut(room: number): void {
    if (this.used > 0) {
      this.pieces.push(this.buffer.subarray(0, this.used));
      this.ready += this.used;
      this.used = 0;
      this.buffer = Buffer.allocUnsafe(room);
    } else if (this.buffer.length < room) {
      this.buffer = Buffer.allocUnsafe(room);
    }
  }
}
