// The public API. Everything else is internal.
export { createPario, readFile, readFiles } from './pario.js';
export type { Pario, ParioOptions, PerCall, WorkerKind } from './pario.js';
export type { ReadFileOk, ReadResult } from './read/engine.js';
export type { ReadOptions } from './read/options.js';
export type { BaseOptions } from './options.js';
export type { FailedFile } from './results.js';
export type { ProgressSnapshot } from './pool/progress.js';
export {
  defineMapper, mapFiles, type MapFileOk, type MapOptions, type MapResult, type MapValue, type MappedFile, type Mapper, type MapperModule,
} from './map/index.js';
export { FileError, OptionError, ParioError, isAbortError } from './errors.js';
export { PARIO_CODES } from '../workers/codes.js';
export type { ErrorCode, ParioCode, SystemErrorCode } from '../workers/codes.js';
export { hashFiles, hashFile } from './hash/api.js';
export { verify } from './hash/verify.js';
export type { CheckedFile, VerifyReport } from './hash/verify.js';
export type { HashedFile, HashFileResult } from './hash/engine.js';
export type { HashOptions, VerifyOptions } from './hash/options.js';
export type { Algorithm } from '../workers/algorithms.js';
export { compressBuffer, compressFile, compressFileTo, compressStream } from './bigfile/index.js';
export type {
  BigFileOptions, BlockFormat, CompressFileOptions, CompressFileResult, CompressStreamOptions, EncodeSummary, IoMode,
} from './bigfile/index.js';
export { compressFiles, decompressFiles, testFiles, summarize } from './compress/api.js';
export { decompressFileTo, decompressStream } from './compress/decompress-to.js';
export type { DecompressToOptions } from './compress/decompress-to.js';
export type { CompressOptions } from './compress/options.js';
export type { CompressResult, CompressSummary, OutputResult } from './compress/result.js';
export type { Algorithm as CompressAlgorithm } from '../workers/compress-protocol.js';
export { encodeName as pathBytes, fsPath } from '../workers/names.js';
