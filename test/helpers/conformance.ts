// The conformance material of other projects (../shared/conformance beside the project root: GNU gzip, zlib, Go,
// zstd, brotli, BLAKE3, coreutils) and what each case must do. Used in place, never copied into the project.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export const CONFORMANCE = join(ROOT, '..', 'shared', 'conformance');

/** What one decompression case must do (test/conformance/decode-expected.json says where each comes from). */
export interface DecodeExpectation {
  readonly ok: boolean;
  /** ok: a file of the conformance set (relative to it) holding the exact output. */
  readonly original?: string;
  /** ok: the output's SHA-256 and size, as the reference tool decoded it. */
  readonly sha256?: string;
  readonly bytes?: number;
  /** failed: the code pario gives. */
  readonly code?: string;
  readonly by: string;
  /** A deliberate difference from the reference tool, and why. */
  readonly deviation?: string;
}

export function conformanceManifest(): Record<string, unknown> {
  const path = join(CONFORMANCE, 'manifest.json');
  if (!existsSync(path)) throw new Error(`the conformance material is missing: ${CONFORMANCE} (see HELPERS.md)`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Every decompression case: its path relative to CONFORMANCE, and its expectation. */
export function decodeCases(): [string, DecodeExpectation][] {
  const path = join(ROOT, 'test', 'conformance', 'decode-expected.json');
  // A text too long for one line of the file is a list of its pieces, joined with spaces here.
  const joined = (key: string, value: unknown): unknown => (Array.isArray(value) && key !== '' ? value.join(' ') : value);
  const table = JSON.parse(readFileSync(path, 'utf8'), joined) as { cases: Record<string, DecodeExpectation> };
  const manifest = conformanceManifest();
  const dirs: Record<string, string> = { gzip: 'gzip', zlib: 'zlib', go: 'go', zstd: 'zstd', brotli: 'brotli', brotli_synth: 'brotli' };
  const cases: [string, DecodeExpectation][] = [];
  for (const [source, dir] of Object.entries(dirs)) {
    for (const [file] of manifest[source] as [string, ...unknown[]][]) {
      const key = `${dir}/${file}`;
      const expected = table.cases[key];
      if (expected === undefined) throw new Error(`${key}: in the manifest but not in decode-expected.json`);
      cases.push([key, expected]);
    }
  }
  return cases;
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Checks an output against its expectation; returns a description of the difference, or '' when it matches. */
export function outputDiffers(expected: DecodeExpectation, output: Uint8Array): string {
  if (expected.original !== undefined) {
    const original = readFileSync(join(CONFORMANCE, expected.original));
    if (Buffer.compare(original, output) === 0) return '';
    return `${output.byteLength} bytes differ from ${expected.original} (${original.byteLength} bytes)`;
  }
  if (expected.sha256 !== undefined && (sha256(output) !== expected.sha256 || output.byteLength !== expected.bytes)) {
    return `${output.byteLength} bytes, sha256 ${sha256(output)}; expected ${expected.bytes} bytes, ${expected.sha256}`;
  }
  return '';
}
