// Which inputs to compress or decompress: already-compressed extensions, --min-size, known suffixes.
import { basename, extname } from 'node:path';
import type { Algorithm } from '../../workers/compress-protocol.js';

/** Extensions of already-compressed formats, after zstd's --exclude-compressed list (fileio.c), plus .zz and .br. */
export const COMPRESSED_EXTENSIONS: ReadonlySet<string> = new Set([
  'zst', 'tzst', 'gz', 'tgz', 'zz', 'br', 'xz', 'txz', 'bz2', 'tbz2', 'lz4', 'tlz4', 'lzma', 'lz', 'lzo', 'z', 'sz', 'rz',
  'zip', 'zipx', '7z', 'rar', 'cab', 'arj', 'lha', 'lzh', 'zoo', 'zpaq', 'ace', 'arc', 'sitx', 'dmg', 'deb', 'rpm', 'apk', 'ipa',
  'jar', 'war', 'aar', 'xpi', 'crx', 'epub', 'kmz', 'odt', 'ods', 'odp', 'odg', 'docx', 'docm', 'xlsx', 'xlsm', 'pptx', 'pptm',
  'jpg', 'jpeg', 'jxl', 'png', 'apng', 'gif', 'webp', 'avif', 'heic', 'heif', 'jp2', 'cr2', 'nef', 'dng', 'svgz',
  'woff', 'woff2', 'eot', 'mp3', 'aac', 'm4a', 'm4b', 'm4p', 'ogg', 'oga', 'opus', 'flac', 'wma', 'ape', 'alac',
  'mp4', 'm4v', 'mkv', 'webm', 'mov', 'avi', 'wmv', 'flv', 'f4v', 'mpg', 'mpeg', 'mts', 'm2ts', 'ogv', 'divx', 'asf', 'swf',
]);

export type SkipReason = 'compressed' | 'small' | 'suffix' | 'unchanged';

export function isAlreadyCompressed(path: string): boolean {
  return COMPRESSED_EXTENSIONS.has(extname(path).slice(1).toLowerCase());
}

/** pario's own outputs: never compressed again, even with force (a second `-f` run must not make a.js.gz.br). */
const OWN_OUTPUTS: ReadonlySet<string> = new Set(['gz', 'zz', 'br', 'zst']);

/** Why a compress input is skipped, or null to compress it. Size unknown (undefined) never counts as small. */
export function skipForCompress(path: string, size: number | undefined, force: boolean, minSize: number): SkipReason | null {
  const ext = extname(path).slice(1).toLowerCase();
  if (OWN_OUTPUTS.has(ext) || (!force && COMPRESSED_EXTENSIONS.has(ext))) return 'compressed';
  if (size !== undefined && size < minSize) return 'small';
  return null;
}

/** Suffixes decompress understands, with the name part they map back to. */
const SUFFIXES: readonly [string, string, Algorithm][] = [
  ['.gz', '', 'gzip'], ['.tgz', '.tar', 'gzip'], ['.zz', '', 'deflate'], ['.br', '', 'brotli'],
  ['.zst', '', 'zstd'], ['.tzst', '.tar', 'zstd'],
];

/** The decompressed name of `path` (a.js.gz → a.js, b.tgz → b.tar), or null without a known suffix. */
export function decompressedName(path: string): string | null {
  const lower = path.toLowerCase();
  for (const [suffix, replacement] of SUFFIXES) {
    if (lower.endsWith(suffix) && basename(path).length > suffix.length) {
      return path.slice(0, -suffix.length) + replacement;
    }
  }
  return null;
}
