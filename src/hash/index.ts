// `pario/hash`: checksums of many files (on a createPario handle's threads or their own) and of a stream, checksum
// lines in sha256sum / b3sum / BSD-tag form (the lines are the product, so they are made here), and checking them.
export { hashFiles, hashFile, verify } from './api.js';
export type { CheckedFile, VerifyReport } from './api.js';
export type { HashedFile, HashFileResult } from './engine.js';
export { resolveHashOptions } from './options.js';
export type { HashOptions, ResolvedHashOptions, VerifyOptions } from './options.js';
export { checkOn, hashOn } from './on-handle.js';
export { planHash } from './incremental.js';
export type { HashCron, IncrementalResult } from './incremental.js';
export { hashStream } from './stdin.js';
export { formatJson, formatLine, formatLines } from './format.js';
export type { LineFormat } from './format.js';
export { quoteName } from './quote.js';
export type { CheckEvent, CheckRunOptions, CheckStatus } from './check.js';
export { peekAlgorithm, streamCheckLines } from './check-lines.js';
export type { LineCount } from './check-lines.js';
export { parseChecksumLine } from './parse.js';
export type { CheckFileLine, ChecksumLine } from './parse.js';
export { CheckTally, errnoText } from './check-report.js';
export type { CheckFlags } from './check-report.js';
export { addedFiles, auditKey, auditLine, auditSummary } from './audit.js';
export type { AuditCounts } from './audit.js';
export { listSorted } from './list.js';
export type { ListedFile } from './list.js';
export { digestTag } from '../../workers/algorithms.js';
export type { Algorithm, DigestKind } from '../../workers/algorithms.js';
