// Check-file lines: coreutils (`hex  name`, `hex *name`, and md5 -r's `hex name`), BSD tags (`SHA256 (name) = hex`,
// `BLAKE2b-128`, xxhsum's `XXH64_LE`), b3sum and xxhsum lines, with the leading-backslash escapes. Parsing follows
// coreutils 9.1 `split_3` / `bsd_split_3`.
import { ALGORITHMS, baseAlgorithm, blake2bKind, digestHexLength, type Algorithm, type DigestKind } from '../../workers/algorithms.js';
import { decodeRange } from '../../workers/names.js';
import { unescapeName } from './escape.js';
import { reverseHexBytes, tagAt } from './tags.js';

export interface ChecksumLine {
  /** What the digest may be of: one when the tag or `--algo` says, else every algorithm of that length. */
  readonly algorithms: readonly DigestKind[];
  /** Lowercase hex, in canonical byte order. */
  readonly digest: string;
  readonly name: string;
  readonly binary: boolean;
  /**
   * The name with the carriage return that ended the line: b3sum writes a name's CR raw (it escapes only `\` and
   * newline), so a line ending in CR is either a CRLF line or such a name. The name without it is tried first.
   */
  readonly withCr?: string;
  /**
   * Tried only when `algorithms` do not match (a second read): BLAKE2b of the digest's length, for untagged lines no
   * `--algo` names (b2sum -l 128 lines look like MD5 ones), so such a line is never a false FAILED.
   */
  readonly fallback?: readonly DigestKind[];
}

export interface ParseOptions {
  /** `--algo`: only lines of this algorithm are properly formatted. */
  readonly algorithm?: Algorithm | undefined;
  /** `--length` (bits, BLAKE2b only, as b2sum -l): only digests of that length. */
  readonly length?: number | undefined;
}

/** Per file: coreutils' choice between `hex  name` and md5 -r's `hex name`, made by its first such line. */
export interface LineState {
  reversed?: boolean;
  /** This line ended in CR LF (the CR is already removed). */
  crlf?: boolean;
}

/** Untagged digests of each length, most likely first (sha256sum before b3sum, sha512sum before b2sum). */
const BY_LENGTH = new Map<number, DigestKind[]>();
for (const algorithm of ALGORITHMS) {
  if (algorithm === 'xxh3' || algorithm === 'xxh32') continue; // an untagged XXH3 line carries the XXH3_ prefix
  const length = digestHexLength(algorithm);
  BY_LENGTH.set(length, [...(BY_LENGTH.get(length) ?? []), algorithm]);
}
BY_LENGTH.get(16)?.push('xxh3'); // but bare 16-hex lines may be XXH3 too (hand-made, or other tools)
BY_LENGTH.get(8)?.push('xxh32'); // pario's CRC32 lines first, then xxhsum -H0's

const HEX = /^[0-9a-fA-F]+$/;
/** ASCII white space only, as isspace() in the C locale: a BOM (U+FEFF) is not skipped. */
const SPACE = /[ \t\n\v\f\r]/;

/**
 * Parses one line (no terminator; a trailing CR already removed). Returns undefined for an improperly formatted line.
 * `state` carries coreutils' format choice from line to line of one file.
 */
export function parseChecksumLine(line: string, options: ParseOptions = {}, state: LineState = {}): ChecksumLine | undefined {
  let i = 0;
  while (i < line.length && SPACE.test(line[i] ?? '')) i++;
  const escaped = line[i] === '\\';
  if (escaped) i++;
  const rest = line.slice(i);
  const tag = tagAt(rest);
  if (tag !== undefined) {
    if (!accepts(tag.kind, options)) return undefined;
    const open = rest.indexOf('(', tag.length);
    const parsed = parseTagged(rest.slice(open + 1), tag.kind, escaped);
    return parsed === undefined || !tag.reversed ? parsed : { ...parsed, digest: reverseHexBytes(parsed.digest) };
  }
  return parseUntagged(rest, options, escaped, state);
}

function accepts(kind: DigestKind, { algorithm, length }: ParseOptions): boolean {
  if (algorithm !== undefined && baseAlgorithm(kind) !== algorithm) return false;
  return length === undefined || baseAlgorithm(kind) !== 'blake2b' || digestHexLength(kind) * 4 === length;
}

function parseTagged(text: string, kind: DigestKind, escaped: boolean): ChecksumLine | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const name = escaped ? unescapeName(text.slice(0, close)) : text.slice(0, close);
  const match = /^[ \t]*=[ \t]*(.*)$/.exec(text.slice(close + 1));
  const digest = match?.[1] ?? '';
  if (name === undefined || !isDigest(digest, kind)) return undefined;
  return { algorithms: [kind], digest: digest.toLowerCase(), name, binary: false };
}

/** What an untagged digest of this length may be: the length's algorithms, or those `--algo` / `--length` allow. */
function candidates(digest: string, { algorithm, length }: ParseOptions): readonly DigestKind[] | undefined {
  if (algorithm === 'blake2b') {
    const kind = blake2bKind(digest.length * 4); // b2sum -c takes the length from the line unless -l says
    return kind === undefined || (length !== undefined && length !== digest.length * 4) ? undefined : [kind];
  }
  if (algorithm !== undefined) return [algorithm];
  return BY_LENGTH.get(digest.length);
}

function parseUntagged(text: string, options: ParseOptions, escaped: boolean, state: LineState): ChecksumLine | undefined {
  let start = 0;
  let kinds: readonly DigestKind[] | undefined;
  if (text.startsWith('XXH3_') && (options.algorithm === undefined || options.algorithm === 'xxh3')) {
    start = 'XXH3_'.length;
    kinds = ['xxh3'];
  }
  let end = start;
  while (end < text.length && isHexCode(text.charCodeAt(end))) end++;
  const digest = text.slice(start, end);
  kinds ??= candidates(digest, options);
  // every character is hex already (the loop above): only the length can be wrong
  if (kinds === undefined || kinds.length === 0 || !kinds.every((kind) => digest.length === digestHexLength(kind))) return undefined;
  // hex, one white-space character, then the mode marker (' ' text, '*' binary) and the name verbatim; or md5 -r's
  // `hex name`, which a file's first line chooses (coreutils: one format per file, so a name may start with ' ').
  if (!SPACE.test(text[end] ?? '')) return undefined;
  const after = text.slice(end + 1);
  let raw: string;
  let binary = false;
  if (after.length === 1 || (after[0] !== ' ' && after[0] !== '*')) {
    if (state.reversed === false) return undefined;
    state.reversed = true;
    raw = after;
  } else if (state.reversed === true) {
    raw = after;
  } else {
    state.reversed = false;
    binary = after[0] === '*';
    raw = after.slice(1);
  }
  if (raw.length === 0) return undefined;
  const name = escaped ? unescapeName(raw) : raw;
  if (name === undefined) return undefined;
  const blake2b = options.algorithm === undefined ? blake2bKind(digest.length * 4) : undefined;
  const line: { -readonly [K in keyof ChecksumLine]: ChecksumLine[K] } = { algorithms: kinds, digest: digest.toLowerCase(), name, binary };
  if (blake2b !== undefined && !kinds.includes(blake2b) && start === 0) line.fallback = fallbacks(blake2b);
  if (state.crlf === true) line.withCr = `${name}\r`;
  return line;
}

/** One shared list per BLAKE2b length (every sha256 line has the same fallback: no array per line). */
const FALLBACKS = new Map<DigestKind, readonly DigestKind[]>();
const fallbacks = (kind: DigestKind): readonly DigestKind[] => FALLBACKS.get(kind) ?? FALLBACKS.set(kind, [kind]).get(kind) ?? [kind];

/** 0-9, a-f, A-F (a regular expression literal in the loop made a RegExp a character: 190 MB of garbage over 50,000 lines). */
function isHexCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

function isDigest(text: string, kind: DigestKind): boolean {
  return text.length === digestHexLength(kind) && HEX.test(text);
}

export interface CheckFileLine {
  /** 1-based line number, as coreutils reports it. */
  readonly number: number;
  /** The parsed line, or undefined when improperly formatted. */
  readonly parsed: ChecksumLine | undefined;
}

/** Where a split has got to: the line count and the format choice carry over from one piece of a file to the next. */
export interface LineCursor {
  number: number;
  readonly state: LineState;
}

export function lineCursor(): LineCursor {
  return { number: 0, state: {} };
}

/**
 * Splits a check file into lines the way coreutils does: LF-terminated, `#` comment lines and empty lines skipped,
 * one trailing CR removed. Lines are decoded as UTF-8 that keeps every byte (names.ts: a name that is not UTF-8 names
 * that very file); a byte-order mark is kept, so a first line that starts with one is improperly formatted, as for
 * sha256sum.
 */
export function checkFileLines(content: Uint8Array, options: ParseOptions = {}): Generator<CheckFileLine> {
  return splitLines(content, options, lineCursor());
}

/** The lines of `content`, a piece of a check file that ends at a line's end (or the file's), numbered from `cursor`. */
export function* splitLines(content: Uint8Array, options: ParseOptions, cursor: LineCursor): Generator<CheckFileLine> {
  const { state } = cursor;
  for (let start = 0; start < content.byteLength; ) {
    let end = content.indexOf(0x0a, start);
    if (end < 0) end = content.byteLength;
    const number = ++cursor.number;
    let stop = end;
    if (stop > start && content[stop - 1] === 0x0d) stop--;
    const first = content[start];
    if (stop > start && first !== 0x23) {
      state.crlf = stop < end;
      yield { number, parsed: parseChecksumLine(decodeRange(content, start, stop), options, state) };
    }
    start = end + 1;
  }
}
