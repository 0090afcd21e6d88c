// Decoder faults said in words (issue 18.8): the format named, what is wrong, a code of the format's own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decompressSync, detectFormat } from '../../workers/codecs.js';
import { decodeError, unknownFormat } from '../../workers/decode-errors.js';
import { CONFORMANCE } from '../helpers/conformance.js';

const fault = (file: string): unknown => {
  const data = readFileSync(join(CONFORMANCE, file));
  const algorithm = detectFormat(data.subarray(0, 18), file);
  try {
    return algorithm === null ? unknownFormat(data.subarray(0, 18)) : decompressSync(algorithm, data, 1 << 30);
  } catch (error) {
    return error;
  }
};

describe('decoder faults', () => {
  it('brotli: says brotli and what, with the decoder\'s own error name (not ERR__ERROR_FORMAT_BLOCK_LENGTH_2)', () => {
    expect(fault('brotli/synth/TestCopyTooLong.br')).toMatchObject({
      code: expect.stringMatching(/^BROTLI_DECODER_ERROR_FORMAT_/), message: expect.stringMatching(/^brotli: corrupt data: /),
    });
    const error = decodeError('brotli', Object.assign(new Error('Decompression failed'), { code: 'ERR__ERROR_FORMAT_BLOCK_LENGTH_2' }));
    expect(error).toMatchObject({ code: 'BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2' });
    expect(error).toMatchObject({ message: 'brotli: corrupt data: invalid block length' });
  });

  it('zlib: a stream that needs a preset dictionary says so, with its DICTID', () => {
    expect(fault('zlib/hdr10-need-dictionary.zz')).toMatchObject({
      code: 'Z_NEED_DICT', message: 'zlib: the stream needs a preset dictionary (DICTID 00000001), which pario does not have',
    });
  });

  it('zstd: ZSTD_error_* codes on every backend (zstd-napi says only words, Node ≥ 22.15 gives the names)', () => {
    const cases: readonly [string, string, string][] = [
      ['bad-checksum.zst', 'ZSTD_error_checksum_wrong', "zstd: corrupt data: restored data doesn't match checksum"],
      ['http-with-dict.zst', 'ZSTD_error_dictionary_wrong', 'zstd: the frame needs a dictionary, which pario does not have'],
      ['http-trunc-0444.zst', 'Z_BUF_ERROR', 'zstd: unexpected end of file (the data is truncated)'],
    ];
    for (const [file, code, message] of cases) expect(fault(`zstd/derived/${file}`), file).toMatchObject({ code, message });
    expect(decodeError('zstd', new Error('Data corruption detected'))).toMatchObject({ code: 'ZSTD_error_corruption_detected' });
    // zstd-napi's words for the errors Node's built-in names (zstd 1.5.7's strings): the same codes on both backends
    const words: [string, string][] = [
      ["Header of Literals' block doesn't respect format specification", 'ZSTD_error_literals_headerWrong'],
      ['tableLog requires too much memory : unsupported', 'ZSTD_error_tableLog_tooLarge'],
      ['Unsupported max Symbol Value : too large', 'ZSTD_error_maxSymbolValue_tooLarge'],
      ['Error (generic)', 'ZSTD_error_GENERIC'],
    ];
    for (const [said, code] of words) expect(decodeError('zstd', new Error(said)), said).toMatchObject({ code });
  });

  it('formats pario does not read are named (gzip -d reads them)', () => {
    expect(fault('gzip/helin.gz')).toMatchObject({ code: 'ERR_PARIO_UNKNOWN_FORMAT' });
    expect(fault('gzip/helin.gz')).toMatchObject({ message: expect.stringMatching(/^compress \(\.Z, LZW\) data, which pario does not/) });
    expect(fault('gzip/unpack-valid.gz')).toMatchObject({ message: expect.stringMatching(/^pack \(\.z\) data/) });
    expect(fault('gzip/unzip-valid.gz')).toMatchObject({ message: expect.stringMatching(/^a zip archive/) });
    expect(unknownFormat(new Uint8Array(0)).message).toBe('empty: not in a known compressed format (gzip, zlib, zstd, or .br)');
  });

  it('errors that are not about the data pass through unchanged; a named fault is not named twice', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    expect(decodeError('zstd', enospc)).toBe(enospc);
    const named = decodeError('gzip', Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR' }));
    expect(named).toMatchObject({ code: 'ERR_PARIO_TRAILING_DATA' });
    expect(decodeError('gzip', named)).toBe(named);
  });
});
