// File names are bytes on Linux; pario carries them as JS strings that keep every byte. A name that is valid UTF-8 is
// its decoded text; each byte of a name that is not valid UTF-8 (one that does not begin a well-formed sequence) is
// the lone surrogate U+DC80-U+DCFF (U+DC00 + the byte), as Python's `surrogateescape`. Valid UTF-8 never decodes
// to a lone surrogate, so the mapping is one to one: `f\xff.t` and `f\uFFFD.t` (a real U+FFFD) stay two names.
// At the syscall a name with such escapes becomes a Buffer of its bytes (Node's fs takes Buffer paths), and output
// writes them back as the raw bytes (sha256sum's lines). JSON shows them as `\udcff` escapes: Python's json.loads
// then os.fsencode() gives the bytes back.

/** A lone low surrogate U+DC80-U+DCFF that stands for a byte (not the second half of a surrogate pair). */
const ESCAPE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;
const ESCAPES = new RegExp(ESCAPE.source, 'g');

/** True when `text` carries bytes that are not UTF-8 (escaped as above). */
export function hasRawBytes(text: string): boolean {
  return ESCAPE.test(text);
}

/** The name of `bytes`: their UTF-8 text, with each byte of an ill-formed sequence escaped. */
export function decodeName(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('utf8');
  if (!text.includes('\uFFFD')) return text; // valid UTF-8 (the usual case): nothing was replaced
  let out = '';
  let i = 0;
  while (i < buffer.length) {
    const n = sequenceLength(buffer, i);
    if (n === 0) {
      out += String.fromCharCode(0xdc00 + (buffer[i] as number));
      i += 1;
    } else {
      out += buffer.toString('utf8', i, i + n);
      i += n;
    }
  }
  return out;
}

/** decodeName of `bytes[start, end)`, without a view of them when they are UTF-8 (a checksum file's lines). */
export function decodeRange(bytes: Uint8Array, start: number, end: number): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('utf8', start, end);
  return text.includes('\uFFFD') ? decodeName(buffer.subarray(start, end)) : text;
}

/** The length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0 when its first byte begins none. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf; // no surrogates
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** The bytes of a name (the inverse of decodeName): UTF-8, with each escape its byte. */
export function encodeName(text: string): Buffer {
  if (!hasRawBytes(text)) return Buffer.from(text);
  const parts: Buffer[] = [];
  let last = 0;
  for (const match of text.matchAll(ESCAPES)) {
    const at = match.index;
    parts.push(Buffer.from(text.slice(last, at)), Buffer.of(text.charCodeAt(at) - 0xdc00));
    last = at + 1;
  }
  parts.push(Buffer.from(text.slice(last)));
  return Buffer.concat(parts);
}

/** What to hand to fs for a path: the string itself, or its bytes when it carries bytes that are not UTF-8. */
export function fsPath(path: string): string | Buffer {
  return hasRawBytes(path) ? encodeName(path) : path;
}

/** Output that goes out as bytes: a string carrying escapes becomes its raw bytes; anything else is unchanged. */
export function rawChunk<T extends string | Uint8Array>(chunk: T): T | Buffer {
  return typeof chunk === 'string' && hasRawBytes(chunk) ? encodeName(chunk) : chunk;
}

/** The name with each byte that is not UTF-8 shown as U+FFFD (what b3sum writes for such names). */
export function lossyName(text: string): string {
  return text.replace(ESCAPES, '\uFFFD');
}

/** A listing shows a name that is not UTF-8 (Node writes its bad bytes as U+FFFD): list it again as bytes. */
export function lossyListing(entries: readonly (string | { name: string })[]): boolean {
  return entries.some((e) => (typeof e === 'string' ? e : e.name).includes('\uFFFD'));
}

/** A listing read as bytes (Buffers, or Dirents named by Buffers), its names decoded so that every byte is kept. */
export function decodeListing<T>(entries: readonly (Buffer | { name: unknown })[]): T[] {
  return entries.map((e) => (Buffer.isBuffer(e) ? decodeName(e) : Object.assign(e, { name: decodeName(e.name as Buffer) }))) as T[];
}

/**
 * Byte order of names (as `LC_ALL=C sort`). UTF-8 byte order is code point order, which JS's UTF-16 order matches
 * unless a surrogate pair or a byte that is not UTF-8 (above) meets U+E000-U+FFFF: only such names pay for encoding.
 */
export function compareNames(a: string, b: string): number {
  if (!utf16Ordered(a) || !utf16Ordered(b)) return Buffer.compare(encodeName(a), encodeName(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether JS's UTF-16 order of `name` against any other such name is its byte order (see compareNames). */
export function utf16Ordered(name: string): boolean {
  return !ASTRAL.test(name);
}
const ASTRAL = /[\uD800-\uFFFF]/;

/** `folder/name`, without doubling the slash of a root folder ('/' → '/etc', not '//etc'). */
export function under(folder: string, name: string): string {
  return folder.endsWith('/') ? folder + name : `${folder}/${name}`;
}

/** An entry's path as printed, under a walked folder printed as `printed` ('.' prints no prefix, as find does not). */
export function printedUnder(printed: string, name: string): string {
  return printed === '.' ? name : under(printed, name);
}

/** An entry's path relative to the walked folder ('' for the folder itself): what excludes match besides the printed. */
export function relativeUnder(relative: string, name: string): string {
  return relative === '' ? name : `${relative}/${name}`;
}
