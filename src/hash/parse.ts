// Check-file lines: coreutils (`hex  name`, `hex *name`), BSD tags (`SHA256 (name) = hex`), b3sum and xxhsum lines,
// with the leading-backslash escapes. Parsing follows coreutils 9.1 `split_3` / `bsd_split_3`.
import { ALGORITHMS, ALGORITHM_TAG, DIGEST_HEX_LENGTH, type Algorithm } from '../../workers/algorithms.js';
import { unescapeName } from './escape.js';

export interface ChecksumLine {
  /** Algorithms the digest may be for: one when the tag or `--algo` says, else every algorithm of that length. */
  readonly algorithms: readonly Algorithm[];
  /** Lowercase hex. */
  readonly digest: string;
  readonly name: string;
  readonly binary: boolean;
}

/** Untagged digests of each length, most likely first (sha256sum before b3sum, sha512sum before b2sum). */
const BY_LENGTH = new Map<number, Algorithm[]>();
for (const algorithm of ALGORITHMS) {
  if (algorithm === 'xxh3') continue; // an untagged XXH3 line carries the XXH3_ prefix
  const length = DIGEST_HEX_LENGTH[algorithm];
  BY_LENGTH.set(length, [...(BY_LENGTH.get(length) ?? []), algorithm]);
}
BY_LENGTH.get(16)?.push('xxh3'); // but bare 16-hex lines may be XXH3 too (hand-made, or other tools)

const TAGS: readonly (readonly [string, Algorithm])[] = [
  ...ALGORITHMS.map((algorithm) => [ALGORITHM_TAG[algorithm], algorithm] as const),
  ['BLAKE2b-512', 'blake2b'] as const,
].sort((a, b) => b[0].length - a[0].length); // longest first: BLAKE2b-512 before BLAKE2b

const HEX = /^[0-9a-fA-F]+$/;
const SPACE = /\s/;

/**
 * Parses one line (no terminator; a trailing CR already removed). `algorithm` is `--algo`: it restricts which tags
 * and lengths are accepted. Returns undefined for an improperly formatted line.
 */
export function parseChecksumLine(line: string, algorithm?: Algorithm): ChecksumLine | undefined {
  let i = 0;
  while (i < line.length && SPACE.test(line[i] ?? '')) i++;
  const escaped = line[i] === '\\';
  if (escaped) i++;
  const rest = line.slice(i);
  for (const [tag, tagged] of TAGS) {
    if (!rest.startsWith(tag)) continue;
    let j = tag.length;
    if (rest[j] === ' ') j++;
    if (rest[j] !== '(') continue;
    if (algorithm !== undefined && algorithm !== tagged) return undefined;
    return parseTagged(rest.slice(j + 1), tagged, escaped);
  }
  return parseUntagged(rest, algorithm, escaped);
}

function parseTagged(text: string, algorithm: Algorithm, escaped: boolean): ChecksumLine | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const name = escaped ? unescapeName(text.slice(0, close)) : text.slice(0, close);
  const match = /^[ \t]*=[ \t]*(.*)$/.exec(text.slice(close + 1));
  const digest = match?.[1] ?? '';
  if (name === undefined || !isDigest(digest, algorithm)) return undefined;
  return { algorithms: [algorithm], digest: digest.toLowerCase(), name, binary: false };
}

function parseUntagged(text: string, algorithm: Algorithm | undefined, escaped: boolean): ChecksumLine | undefined {
  let start = 0;
  let candidates: readonly Algorithm[] | undefined;
  if (text.startsWith('XXH3_') && (algorithm === undefined || algorithm === 'xxh3')) {
    start = 'XXH3_'.length;
    candidates = ['xxh3'];
  }
  let end = start;
  while (end < text.length && /[0-9a-fA-F]/.test(text[end] ?? '')) end++;
  const digest = text.slice(start, end);
  candidates ??= algorithm === undefined ? BY_LENGTH.get(digest.length) : [algorithm];
  if (candidates === undefined || !candidates.every((a) => isDigest(digest, a))) return undefined;
  // hex, one white-space character, then the mode marker (' ' text, '*' binary), then the name verbatim.
  if (!SPACE.test(text[end] ?? '')) return undefined;
  const marker = text[end + 1];
  if (marker !== ' ' && marker !== '*') return undefined;
  const raw = text.slice(end + 2);
  if (raw.length === 0) return undefined;
  const name = escaped ? unescapeName(raw) : raw;
  if (name === undefined) return undefined;
  return { algorithms: candidates, digest: digest.toLowerCase(), name, binary: marker === '*' };
}

function isDigest(text: string, algorithm: Algorithm): boolean {
  return text.length === DIGEST_HEX_LENGTH[algorithm] && HEX.test(text);
}

export interface CheckFileLine {
  /** 1-based line number, as coreutils reports it. */
  readonly number: number;
  /** The parsed line, or undefined when improperly formatted. */
  readonly parsed: ChecksumLine | undefined;
}

/**
 * Splits a check file into lines the way coreutils does: LF-terminated, `#` comment lines and empty lines skipped,
 * one trailing CR removed. Lines are decoded as UTF-8.
 */
export function* checkFileLines(content: Uint8Array, algorithm?: Algorithm): Generator<CheckFileLine> {
  const decoder = new TextDecoder();
  let number = 0;
  for (let start = 0; start < content.byteLength; ) {
    let end = content.indexOf(0x0a, start);
    if (end < 0) end = content.byteLength;
    number++;
    let stop = end;
    if (stop > start && content[stop - 1] === 0x0d) stop--;
    const first = content[start];
    if (stop > start && first !== 0x23) {
      yield { number, parsed: parseChecksumLine(decoder.decode(content.subarray(start, stop)), algorithm) };
    }
    start = end + 1;
  }
}
