// `pario/hash`: checksums of many files (on a createPario handle's threads or their own) and of a stream, and the
// checksum lines of sha256sum, b3sum and BSD tags (the lines are the product, so they are made here). Checking them is
// `pario/check`.
export { hashFiles, hashFile } from './api.js';
export type { HashedFile, HashFileResult } from './engine.js';
export { resolveHashOptions } from './options.js';
export type { HashOptions, ResolvedHashOptions } from './options.js';
export { hashChunksOn } from './incremental.js';
export { planHash } from './incremental.js';
export type { HashCron, IncrementalResult } from './incremental.js';
export { hashStream } from './stdin.js';
export { formatJson, formatLine, formatLines } from './format.js';
export type { LineFormat } from './format.js';
export { quoteName } from './quote.js';
export { errnoText } from './check-report.js';
export type { Algorithm, DigestKind } from '../../workers/algorithms.js';
