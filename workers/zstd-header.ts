// The zstd frame header (RFC 8878 3.1.1.1), read in one place: by the codecs (a frame's declared content size, to size
// the output and refuse bombs) and by the main thread's frame walk (src/bigfile/zstd-frames.ts). Pure: no I/O.

/** The header's length from its Frame_Header_Descriptor byte (the 5th byte of the frame, after the magic number). */
export function zstdHeaderLength(fhd: number): number {
  return fieldSizes(fhd).headerLength;
}

/** What the descriptor byte says of the header's layout: its dictionary ID and content size fields, and its length. */
function fieldSizes(fhd: number): { dictBytes: number; fcsBytes: number; headerLength: number } {
  const single = (fhd >> 5) & 1;
  const dictBytes = [0, 1, 2, 4][fhd & 3]!;
  const fcsBytes = [single, 2, 4, 8][fhd >> 6]!;
  return { dictBytes, fcsBytes, headerLength: 5 + (single === 1 ? 0 : 1) + dictBytes + fcsBytes };
}

export interface ZstdFrameHeader {
  readonly headerLength: number;
  /** The declared content size, or null when the frame does not record it. */
  readonly contentSize: number | null;
  readonly checksum: boolean;
  /** 0 when the frame needs no dictionary. */
  readonly dictionaryId: number;
  /** The reserved bit is set (zstd refuses such a frame). */
  readonly reserved: boolean;
}

/** The header of the frame whose magic number starts `bytes`, or null when `bytes` ends before the header does. */
export function zstdFrameHeader(bytes: Uint8Array): ZstdFrameHeader | null {
  if (bytes.length < 5) return null;
  const fhd = bytes[4]!;
  const { dictBytes, fcsBytes, headerLength } = fieldSizes(fhd);
  if (bytes.length < headerLength) return null;
  const number = (from: number, length: number): number => {
    let value = 0;
    for (let i = length - 1; i >= 0; i--) value = value * 256 + bytes[from + i]!;
    return value;
  };
  const fcs = headerLength - fcsBytes;
  return {
    headerLength,
    contentSize: fcsBytes === 0 ? null : number(fcs, fcsBytes) + (fcsBytes === 2 ? 256 : 0),
    checksum: (fhd & 0x04) !== 0,
    dictionaryId: number(fcs - dictBytes, dictBytes),
    reserved: (fhd & 0x08) !== 0,
  };
}
