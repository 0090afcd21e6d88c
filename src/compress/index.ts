// `pario/compress`: compress, decompress and test many files (on a createPario handle's threads or their own), one
// file or stream to a writable, and what a run reports: results as data (rendering them is the caller's).
export { compressFiles, decompressFiles, testFiles, summarize, codecFiles, codecChunks } from './api.js';
export type { CodecCron } from './engine.js';
export { normalizeCompressOptions } from './options.js';
export type { CompressOptions, ResolvedCompressOptions } from './options.js';
export { SummaryBuilder } from './result.js';
export type { CompressResult, CompressSummary, OutputResult } from './result.js';
export type { CodecKind } from './task.js';
export { decompressedName, skipForCompress } from './skips.js';
export { decompressFileTo, decompressStream } from './decompress-to.js';
export type { DecompressToOptions } from './decompress-to.js';
export { encodeWhole } from './encode-whole.js';
export { compressBuffer, compressFile, compressFileTo, compressStream } from '../bigfile/index.js';
export type { BigFileOptions, BlockFormat, CompressFileOptions, CompressFileResult, CompressStreamOptions } from '../bigfile/index.js';
export type { Algorithm as CompressAlgorithm, EncodeResult } from '../../workers/compress-protocol.js';
