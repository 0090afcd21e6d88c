// One huge file on every core: the public surface of the block-parallel path.
export { compressFile, compressFileTo, encodeFile } from './compress-file.js';
export type { CompressFileOptions, CompressFileResult } from './compress-file.js';
export { compressBuffer, compressStream } from './compress-stream.js';
export type { CompressStreamOptions } from './compress-stream.js';
export type { EncodeSummary, WritePiece } from './encode.js';
export { FORMAT_EXTENSION } from './container.js';
export type { BlockFormat } from './container.js';
export { resolveBigFileOptions } from './options.js';
export type { BigFileOptions, BlockPool, IoMode } from './options.js';
export { isRotational, resolveIo } from './io-mode.js';
