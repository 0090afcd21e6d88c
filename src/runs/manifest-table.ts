// The entry lines of a manifest as read: its bytes (one buffer, outside V8's heap) and, for each entry line kept
// there, where the line starts (its name follows, in quotes), where its entry's text starts and where that text ends
// (the comma and newline follow). An unchanged rerun carries these lines to the next manifest by their number, and
// writes runs of them with one copy. Names are found by their bytes (name-index.ts), decoded only when asked for.
import { hashOfBytes, utf8Bytes } from './name-index.js';

export class LineTable {
  private starts: Uint32Array = new Uint32Array(1024);
  private texts: Uint32Array = new Uint32Array(1024);
  private ends: Uint32Array = new Uint32Array(1024);
  private hashes: Uint32Array = new Uint32Array(1024);
  private count = 0;
  /** Whether the lines came in byte order of their names (as pario writes them). */
  ordered = true;

  constructor(readonly bytes: Buffer) {}

  get length(): number {
    return this.count;
  }

  /** Line `"name":text` (name without escapes) from `start`, its text from `text` to `end`; returns its number. */
  add(start: number, text: number, end: number): number {
    const i = this.count;
    if (i === this.starts.length) {
      this.starts = grown(this.starts);
      this.texts = grown(this.texts);
      this.ends = grown(this.ends);
      this.hashes = grown(this.hashes);
    }
    this.starts[i] = start;
    this.texts[i] = text;
    this.ends[i] = end;
    this.hashes[i] = hashOfBytes(this.bytes, start + 1, text - 2);
    // In order: the names' bytes (valid UTF-8 without escapes: their byte order is the paths' order, compareNames).
    if (this.ordered && i > 0) this.ordered = this.compareNames(i - 1, i) < 0;
    return this.count++;
  }

  /** Line `i`'s name (decoded from the bytes: a new string each call). */
  name(i: number): string {
    return this.bytes.toString('utf8', (this.starts[i] as number) + 1, (this.texts[i] as number) - 2);
  }

  /** Whether line `i` is named `name`, byte for byte. */
  nameIs(i: number, name: string): boolean {
    const bytes = this.bytes;
    const end = (this.texts[i] as number) - 2;
    let at = (this.starts[i] as number) + 1;
    return utf8Bytes(name, (byte) => at < end && bytes[at++] === byte) && at === end;
  }

  /** Whether lines `i` and `j` have the same name. */
  sameName(i: number, j: number): boolean {
    return this.hashes[i] === this.hashes[j] && this.compareNames(i, j) === 0;
  }

  /** FNV-1a of line `i`'s name bytes (as hashOfString of the same name). */
  hashOfName(i: number): number {
    return this.hashes[i] as number;
  }

  /** Byte order of two lines' names (a loop: names are short, and a native compare costs more a call). */
  private compareNames(i: number, j: number): number {
    const bytes = this.bytes;
    let a = (this.starts[i] as number) + 1;
    let b = (this.starts[j] as number) + 1;
    const aEnd = (this.texts[i] as number) - 2;
    const bEnd = (this.texts[j] as number) - 2;
    for (; a < aEnd && b < bEnd; a += 1, b += 1) {
      const d = (bytes[a] as number) - (bytes[b] as number);
      if (d !== 0) return d;
    }
    return (aEnd - a) - (bEnd - b);
  }

  /** The entry text of line `i`. */
  text(i: number): string {
    return this.bytes.toString('utf8', this.texts[i], this.ends[i]);
  }

  start(i: number): number {
    return this.starts[i] as number;
  }

  /** Where line `i`'s entry text ends (its comma, if any, and its newline follow). */
  end(i: number): number {
    return this.ends[i] as number;
  }

  /** Whether line `j` follows line `i` in the bytes, after `,\n`: the two are written with one copy. */
  follows(i: number, j: number): boolean {
    return this.starts[j] === (this.ends[i] as number) + 2;
  }
}

function grown(array: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
