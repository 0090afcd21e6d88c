// What went wrong in a compressed input, said in words: each decoder's error becomes a message that names the format
// and the fault, with a code of the format's own (zlib's Z_*, brotli's BROTLI_DECODER_ERROR_*, zstd's ZSTD_error_*).
// Data after the end of the compressed data is refused with the cause and where it starts, never dropped in silence.
import type { Algorithm } from './compress-protocol.js';

export const TRAILING_DATA = 'ERR_PARIO_TRAILING_DATA';
export const UNKNOWN_FORMAT = 'ERR_PARIO_UNKNOWN_FORMAT';

const NAME: Readonly<Record<Algorithm, string>> = { gzip: 'gzip', deflate: 'zlib', brotli: 'brotli', zstd: 'zstd' };

/** Errors already said in words here: naming one twice (a stream re-throwing its decoder's error) changes nothing. */
const named = new WeakSet<Error>();

function coded(code: string, message: string, extra: object = {}): Error {
  const error = Object.assign(new Error(message), { code }, extra);
  named.add(error);
  return error;
}

/**
 * Bytes after the end of the data. gzip: what follows the last member is not a gzip member (`gzip -d` keeps the
 * members and warns "trailing garbage ignored"); zlib and brotli hold one stream per file (pigz -d and brotli -d
 * fail); zstd: what follows the last frame is not a frame (zstd -d fails).
 */
export function trailingData(algorithm: Algorithm, at: number | undefined, size: number | undefined, what = ''): Error {
  const where = at === undefined ? '' : size === undefined ? ` at byte ${at}` : ` (${size - at} bytes from byte ${at})`;
  const end = algorithm === 'gzip' ? 'the last gzip member'
    : algorithm === 'zstd' ? 'the last zstd frame'
      : `the ${NAME[algorithm]} stream`;
  const kind = what !== '' ? what : TRAILING[algorithm];
  return coded(TRAILING_DATA, `trailing data after the end of ${end}${where}: ${kind}`, { at });
}

/** A trailing-data error raised where the input's size was unknown, said again with it. */
export function withSize(algorithm: Algorithm, error: unknown, size: number | undefined): unknown {
  const at = (error as { code?: string; at?: number }).at;
  const trailing = (error as { code?: string }).code === TRAILING_DATA && at !== undefined && size !== undefined;
  return trailing ? trailingData(algorithm, at, size) : error;
}

const TRAILING: Readonly<Record<Algorithm, string>> = {
  gzip: 'not a gzip member (gzip -d keeps the members before it and warns)',
  deflate: 'a .zz file holds one zlib stream (pigz -d refuses it too)',
  brotli: 'a .br file holds one brotli stream (brotli -d refuses it too)',
  zstd: 'not a zstd frame (zstd -d refuses it too)',
};

/** True when `data` (what follows a gzip member) is all NUL bytes: padding, which gzip -d accepts. */
export function allZero(data: Uint8Array): boolean {
  for (const byte of data) if (byte !== 0) return false;
  return true;
}

/** Node reports brotli faults as `ERR_` + the decoder's error name without its BROTLI_DECODER prefix. */
const BROTLI: Readonly<Record<string, string>> = {
  FORMAT_EXUBERANT_NIBBLE: 'invalid meta-block length',
  FORMAT_RESERVED: 'a reserved bit is set',
  FORMAT_EXUBERANT_META_NIBBLE: 'invalid metadata length',
  FORMAT_SIMPLE_HUFFMAN_ALPHABET: 'a Huffman code names a symbol out of range',
  FORMAT_SIMPLE_HUFFMAN_SAME: 'a Huffman code repeats a symbol',
  FORMAT_CL_SPACE: 'invalid code-length code',
  FORMAT_HUFFMAN_SPACE: 'invalid Huffman code',
  FORMAT_CONTEXT_MAP_REPEAT: 'invalid context map',
  FORMAT_BLOCK_LENGTH_1: 'invalid block length',
  FORMAT_BLOCK_LENGTH_2: 'invalid block length',
  FORMAT_TRANSFORM: 'invalid dictionary word transform',
  FORMAT_DICTIONARY: 'invalid dictionary reference',
  FORMAT_WINDOW_BITS: 'invalid window size',
  FORMAT_PADDING_1: 'non-zero padding bits',
  FORMAT_PADDING_2: 'non-zero padding bits',
  FORMAT_DISTANCE: 'a distance reaches before the start of the data',
  DICTIONARY_NOT_SET: 'the stream needs a dictionary',
  INVALID_ARGUMENTS: 'invalid arguments',
};

/**
 * zstd-napi throws zstd's error strings (ERR_getErrorString in zstd 1.5.7's error_private.c); Node ≥ 22.15 gives the
 * ZSTD_error_* names as codes. Same codes on both for every error a decoder can meet.
 */
const ZSTD: Readonly<Record<string, string>> = {
  'Unknown frame descriptor': 'ZSTD_error_prefix_unknown',
  'Version not supported': 'ZSTD_error_version_unsupported',
  'Unsupported frame parameter': 'ZSTD_error_frameParameter_unsupported',
  'Frame requires too much memory for decoding': 'ZSTD_error_frameParameter_windowTooLarge',
  'Data corruption detected': 'ZSTD_error_corruption_detected',
  "Restored data doesn't match checksum": 'ZSTD_error_checksum_wrong',
  'Dictionary mismatch': 'ZSTD_error_dictionary_wrong',
  'Src size is incorrect': 'ZSTD_error_srcSize_wrong',
  'Destination buffer is too small': 'ZSTD_error_dstSize_tooSmall',
  'Allocation error : not enough memory': 'ZSTD_error_memory_allocation',
  "Header of Literals' block doesn't respect format specification": 'ZSTD_error_literals_headerWrong',
  'tableLog requires too much memory : unsupported': 'ZSTD_error_tableLog_tooLarge',
  'Unsupported max Symbol Value : too large': 'ZSTD_error_maxSymbolValue_tooLarge',
  'Specified maxSymbolValue is too small': 'ZSTD_error_maxSymbolValue_tooSmall',
  'Dictionary is corrupted': 'ZSTD_error_dictionary_corrupted',
  'Error (generic)': 'ZSTD_error_GENERIC',
};

/** The decoder's error with the format named and the fault said; errors that are not about the data pass through. */
export function decodeError(algorithm: Algorithm, error: unknown, head?: Uint8Array): unknown {
  if (!(error instanceof Error) || named.has(error)) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  // a decoder's own: zlib's Z_*, brotli's ERR__ERROR_*, zstd's ZSTD_error_* (or none: zstd-napi's are bare)
  if (code !== '' && !/^(Z_|ZSTD_error_|ERR__ERROR_)/.test(code)) return error;
  const name = NAME[algorithm];
  if (code === 'Z_BUF_ERROR' || error.message === 'unexpected end of file') {
    return coded(code === '' ? 'Z_BUF_ERROR' : code, `${name}: unexpected end of file (the data is truncated)`);
  }
  if (code === 'Z_NEED_DICT') {
    const id = head !== undefined && head.byteLength >= 6 ? ` (DICTID ${Buffer.from(head.subarray(2, 6)).toString('hex')})` : '';
    return coded(code, `zlib: the stream needs a preset dictionary${id}, which pario does not have`);
  }
  if (algorithm === 'gzip' && error.message === 'incorrect header check') {
    return trailingData('gzip', undefined, undefined);
  }
  if (algorithm === 'brotli' && code.startsWith('ERR__ERROR_')) {
    const fault = code.slice('ERR__ERROR_'.length);
    return coded(`BROTLI_DECODER_ERROR_${fault}`, `brotli: corrupt data: ${BROTLI[fault] ?? fault.toLowerCase().replace(/_/g, ' ')}`);
  }
  if (algorithm === 'zstd') {
    if (/^Stream ended in middle/.test(error.message)) return coded('Z_BUF_ERROR', 'zstd: unexpected end of file (the data is truncated)');
    const zstdCode = code.startsWith('ZSTD_error_') ? code : ZSTD[error.message] ?? (code !== '' ? code : 'ZSTD_error_GENERIC');
    const said = zstdCode === 'ZSTD_error_dictionary_wrong'
      ? 'the frame needs a dictionary, which pario does not have'
      : `corrupt data: ${lower(error.message)}`;
    return coded(zstdCode, `zstd: ${said}`);
  }
  if (code.startsWith('Z_')) return coded(code, `${name}: corrupt data: ${lower(error.message)}`);
  return error;
}

function lower(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** What a file in a format pario does not decode holds, when its magic bytes say (gzip -d reads these three). */
export function unknownFormat(head: Uint8Array): Error {
  const [a, b, c, d] = head;
  const known = a === 0x1f && b === 0x9d ? 'compress (.Z, LZW) data'
    : a === 0x1f && b === 0x1e ? 'pack (.z) data'
      : a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04 ? 'a zip archive'
        : '';
  const short = head.byteLength === 0 ? 'empty: ' : head.byteLength < 4 ? 'too short: ' : '';
  const message = known === ''
    ? `${short}not in a known compressed format (gzip, zlib, zstd, or .br)`
    : `${known}, which pario does not decode (gzip, zlib, zstd, or .br only; gzip -d reads it)`;
  return coded(UNKNOWN_FORMAT, message);
}
