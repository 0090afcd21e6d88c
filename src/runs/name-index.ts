// Path → stored entry for a manifest read (manifest-entries.ts), as a Map would hold it, but the lines kept in the
// manifest's bytes (manifest-table.ts) are found by their names' bytes through a hash table of line numbers: no string a
// line and no Map entry (at 200,000 entries the keys and the Map were ~20 MB of heap, and the Map's inserts ~100 ms).
// Anything else (a text, a line under another name) is in a Map; a name is in one of the two, never both.
import type { LineTable } from './manifest-table.js';

export type Stored = string | number;

export class NameIndex {
  private readonly others = new Map<string, Stored>();
  /** Line number + 1 by hash of the name's bytes (0: free, -1: removed). */
  private slots: Int32Array = new Int32Array(1024);
  private used = 0; // slots holding a line or removed
  private lines = 0; // slots holding a line
  /** 1 for the line a name leads to. */
  private current: Uint8Array = new Uint8Array(1024);

  constructor(private readonly table: LineTable) {}

  get size(): number {
    return this.others.size + this.lines;
  }

  /** Line `line` of the table, under the name it has there (its last line for a name wins, as in a Map). */
  setLine(line: number): void {
    if (this.others.size > 0) this.others.delete(this.table.name(line));
    if ((this.used + 1) * 2 > this.slots.length) this.rehash(this.slots.length * (this.lines * 4 > this.slots.length ? 2 : 1));
    if (line >= this.current.length) this.current = grown(this.current, line);
    const mask = this.slots.length - 1;
    let free = -1;
    for (let at = this.table.hashOfName(line) & mask; ; at = (at + 1) & mask) {
      const held = this.slots[at] as number;
      if (held === 0) {
        if (free < 0) (free = at), (this.used += 1);
        break;
      }
      if (held < 0) {
        if (free < 0) free = at;
        continue;
      }
      if (this.table.sameName(held - 1, line)) {
        this.current[held - 1] = 0;
        this.slots[at] = line + 1;
        this.current[line] = 1;
        return;
      }
    }
    this.slots[free] = line + 1;
    this.current[line] = 1;
    this.lines += 1;
  }

  get(name: string): Stored | undefined {
    if (this.others.size > 0) {
      const other = this.others.get(name);
      if (other !== undefined) return other;
    }
    const at = this.find(name);
    return at < 0 ? undefined : (this.slots[at] as number) - 1;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  set(name: string, stored: Stored): void {
    if (typeof stored === 'number' && this.table.nameIs(stored, name)) return this.setLine(stored);
    this.remove(name);
    this.others.set(name, stored);
  }

  delete(name: string): boolean {
    return this.others.delete(name) || this.remove(name);
  }

  /** The names: the lines' in the order they were read, then the others' in the order they were set. */
  *keys(): IterableIterator<string> {
    for (let line = 0; line < this.table.length; line += 1) if (this.current[line] === 1) yield this.table.name(line);
    yield* this.others.keys();
  }

  private remove(name: string): boolean {
    const at = this.find(name);
    if (at < 0) return false;
    this.current[(this.slots[at] as number) - 1] = 0;
    this.slots[at] = -1;
    this.lines -= 1;
    return true;
  }

  /** The slot of the line named `name`, or -1. */
  private find(name: string): number {
    if (this.lines === 0) return -1;
    const mask = this.slots.length - 1;
    const hash = hashOfString(name);
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const held = this.slots[at] as number;
      if (held === 0) return -1;
      if (held > 0 && this.table.hashOfName(held - 1) === hash && this.table.nameIs(held - 1, name)) return at;
    }
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size);
    this.used = 0;
    const mask = size - 1;
    for (const held of old) {
      if (held <= 0) continue;
      let at = this.table.hashOfName(held - 1) & mask;
      while (this.slots[at] !== 0) at = (at + 1) & mask;
      this.slots[at] = held;
      this.used += 1;
    }
  }
}

function grown(array: Uint8Array, index: number): Uint8Array {
  let length = array.length;
  while (length <= index) length *= 2;
  const bigger = new Uint8Array(length);
  bigger.set(array);
  return bigger;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of the string's UTF-8 bytes: hashOfBytes of the same name's bytes. */
export function hashOfString(name: string): number {
  let h = FNV_OFFSET;
  utf8Bytes(name, (byte) => {
    h = Math.imul(h ^ byte, FNV_PRIME);
    return true;
  });
  return h >>> 0;
}

/** FNV-1a of `bytes` from `start` to `end` (a name in a manifest's bytes, LineTable). */
export function hashOfBytes(bytes: Buffer, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let at = start; at < end; at += 1) h = Math.imul(h ^ (bytes[at] as number), FNV_PRIME);
  return h >>> 0;
}

/** Calls `each` with the string's UTF-8 bytes (a lone surrogate as U+FFFD, as Buffer.from writes it) until it says false. */
export function utf8Bytes(text: string, each: (byte: number) => boolean): boolean {
  for (let i = 0; i < text.length; i += 1) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!each(c)) return false;
      continue;
    }
    if (c < 0x800) {
      if (!each(0xc0 | (c >> 6)) || !each(0x80 | (c & 0x3f))) return false;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        i += 1;
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        if (!each(0xf0 | (c >> 18)) || !each(0x80 | ((c >> 12) & 0x3f)) || !each(0x80 | ((c >> 6) & 0x3f)) || !each(0x80 | (c & 0x3f))) {
          return false;
        }
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (!each(0xe0 | (c >> 12)) || !each(0x80 | ((c >> 6) & 0x3f)) || !each(0x80 | (c & 0x3f))) return false;
  }
  return true;
}
