// The entry lines of a manifest as read: its bytes (one buffer, outside V8's heap) and, for each entry line kept
// there, its name, where the line starts, where its entry's text starts and where that text ends (the comma and
// newline follow). An unchanged rerun carries these lines to the next manifest by their number, and writes runs of
// them with one copy.
import { compareNames, utf16Ordered } from '../../workers/names.js';

export class LineTable {
  private starts: Uint32Array = new Uint32Array(1024);
  private texts: Uint32Array = new Uint32Array(1024);
  private ends: Uint32Array = new Uint32Array(1024);
  private readonly names: string[] = [];
  private count = 0;
  /** Whether the lines came in byte order of their names (as pario writes them). */
  ordered = true;

  constructor(readonly bytes: Buffer) {}

  get length(): number {
    return this.count;
  }

  /**
   * Line `"name":text` (name without escapes) from `start`, its text from `text` to `end`; returns its number. `name`
   * is the string the entries are looked up by (the same string, not a copy).
   */
  add(name: string, start: number, text: number, end: number): number {
    const last = this.names[this.count - 1];
    if (this.ordered && last !== undefined) {
      this.ordered = utf16Ordered(name) && utf16Ordered(last) ? last < name : compareNames(last, name) < 0;
    }
    this.names.push(name);
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts);
      this.texts = grown(this.texts);
      this.ends = grown(this.ends);
    }
    this.starts[this.count] = start;
    this.texts[this.count] = text;
    this.ends[this.count] = end;
    return this.count++;
  }

  name(i: number): string {
    return this.names[i] as string;
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
