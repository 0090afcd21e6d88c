// Container bytes around the block-compressed deflate stream: gzip (RFC 1952) and zlib (RFC 1950) headers and trailers.
// Pure. Header fields follow zlib's deflate.c so a one-block file matches zlib.gzipSync(data, { level }) byte for byte.

export type BlockFormat = 'gzip' | 'zlib' | 'raw' | 'zstd';

/** File name extension pario gives each format. */
export const FORMAT_EXTENSION: Readonly<Record<BlockFormat, string>> = { gzip: '.gz', zlib: '.zz', raw: '.deflate', zstd: '.zst' };

export interface GzipHeaderOptions {
  /** Modification time in seconds since the epoch; 0 means "not recorded" (reproducible). @default 0 */
  readonly mtime?: number;
  /** Original file name (FNAME, Latin-1, no NUL). @default none */
  readonly name?: string;
}

const OS_UNIX = 3;

/** XFL as zlib sets it: 2 = slowest (level 9), 4 = fastest (level < 2), else 0. */
function extraFlags(level: number): number {
  if (level === 9) return 2;
  return level < 2 ? 4 : 0;
}

/** The gzip member header: 10 bytes, plus the NUL-terminated name when one is given. */
export function gzipHeader(level: number, options: GzipHeaderOptions = {}): Uint8Array {
  const name = options.name === undefined ? null : Buffer.from(options.name.replace(/\0/g, ''), 'latin1');
  const header = Buffer.alloc(10 + (name === null ? 0 : name.length + 1));
  header[0] = 0x1f;
  header[1] = 0x8b;
  header[2] = 8; // CM = deflate
  header[3] = name === null ? 0 : 0x08; // FLG.FNAME
  const mtime = options.mtime ?? 0;
  header.writeUInt32LE(mtime > 0 && mtime < 2 ** 32 ? Math.floor(mtime) : 0, 4);
  header[8] = extraFlags(level);
  header[9] = OS_UNIX;
  if (name !== null) name.copy(header, 10);
  return header;
}

/** The 8-byte gzip trailer: CRC-32 then ISIZE (input length mod 2^32), both little-endian. */
export function gzipTrailer(crc: number, inputLength: number): Uint8Array {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(inputLength % 2 ** 32, 4);
  return trailer;
}

/** The 2-byte zlib header (CMF = deflate, 32 KiB window; FLEVEL as zlib; FCHECK). */
export function zlibHeader(level: number): Uint8Array {
  const cmf = 0x78;
  const levelFlags = level < 2 ? 0 : level < 6 ? 1 : level === 6 ? 2 : 3;
  let flg = levelFlags << 6;
  flg += 31 - ((cmf * 256 + flg) % 31);
  return Uint8Array.of(cmf, flg);
}

/** The 4-byte zlib trailer: Adler-32, big-endian. */
export function zlibTrailer(adler: number): Uint8Array {
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler >>> 0, 0);
  return trailer;
}
