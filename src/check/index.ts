// `pario/check`: checksum files (sha256sum, b3sum, BSD-tag or pario lines) checked on every core, line by line as
// they are read: verify() as a report, or the events of each line (on a createPario handle's threads), the coreutils
// report of a check (its OK/FAILED lines and warnings are the product, so they are made here) and --audit's.
export { verify } from '../hash/verify.js';
export type { CheckedFile, VerifyReport } from '../hash/verify.js';
export type { VerifyOptions } from '../hash/options.js';
export { checkChunksOn, checkOn } from '../hash/check.js';
export type { CheckEvent, CheckRunOptions, CheckStatus } from '../hash/check.js';
export { peekAlgorithm, peekChunks, streamCheckChunks, streamCheckLines } from '../hash/check-lines.js';
export type { LineCount } from '../hash/check-lines.js';
export { parseChecksumLine } from '../hash/parse.js';
export type { CheckFileLine, ChecksumLine } from '../hash/parse.js';
export { CheckTally } from '../hash/check-report.js';
export type { CheckFlags } from '../hash/check-report.js';
export { addedFiles, auditKey, auditLine, auditSummary } from '../hash/audit.js';
export type { AuditCounts } from '../hash/audit.js';
export { listSorted } from '../hash/list.js';
export type { ListedFile } from '../hash/list.js';
export { digestTag } from '../../workers/algorithms.js';
