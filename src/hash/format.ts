// Checksum lines as sha256sum / md5sum / b2sum / b3sum / xxhsum print them, and JSON lines: each algorithm's lines in
// the form of the tool that checks them. coreutils' for its algorithms (and CRC32), xxhsum's for xxHash (the same
// escapes; XXH3 untagged as `XXH3_hex`), b3sum's for BLAKE3: only `\` and newline escaped, a CR written as it is, and
// never the `*` binary marker (b3sum --check wants exactly two spaces), and a name that is not UTF-8 with U+FFFD.
import { digestTag, type DigestKind } from '../../workers/algorithms.js';
import { lossyName } from '../../workers/names.js';
import { escapeName, needsEscape } from './escape.js';

export interface LineFormat {
  /** BSD form `SHA256 (name) = hex` (`--tag`). @default false */
  readonly tag?: boolean;
  /** `hex *name` instead of `hex  name` (`-b`); ignored with `tag`. @default false */
  readonly binary?: boolean;
  /** End lines with NUL and never escape names (`-z`). @default false */
  readonly zero?: boolean;
}

/** xxhsum ≥ 0.8.2 writes XXH3 lines as `XXH3_<hex>  name`, so they cannot be taken for XXH64 (same length). */
const UNTAGGED_PREFIX: Partial<Record<DigestKind, string>> = { xxh3: 'XXH3_' };

/** One checksum line, terminator included. */
export function formatLine(algorithm: DigestKind, digest: string, path: string, format: LineFormat = {}): string {
  const b3sum = algorithm === 'blake3';
  // Bytes that are not UTF-8 go out raw (as sha256sum and xxhsum write them), but as U+FFFD in b3sum's lines.
  const name = b3sum ? lossyName(path) : path;
  const escape = !format.zero && needsEscape(name, !b3sum);
  const shown = escape ? escapeName(name, !b3sum) : name;
  const body = format.tag
    ? `${digestTag(algorithm)} (${shown}) = ${digest}`
    : `${UNTAGGED_PREFIX[algorithm] ?? ''}${digest} ${format.binary === true && !b3sum ? '*' : ' '}${shown}`;
  return `${escape ? '\\' : ''}${body}${format.zero ? '\0' : '\n'}`;
}

/** The lines for one file: one per algorithm, in the order requested. */
export function formatLines(
  algorithms: readonly DigestKind[],
  digests: Readonly<Partial<Record<DigestKind, string>>>,
  name: string,
  format: LineFormat = {},
): string {
  let out = '';
  for (const algorithm of algorithms) out += formatLine(algorithm, digests[algorithm] ?? '', name, format);
  return out;
}

/** One JSON line: `{"path":…,"size":…,"digests":{"sha256":…}}`. */
export function formatJson(path: string, size: number, digests: Readonly<Partial<Record<DigestKind, string>>>): string {
  return `${JSON.stringify({ path, size, digests })}\n`;
}
