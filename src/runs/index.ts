// `pario/manifest`: what makes a run incremental and safe to schedule: the manifest of what was done (reruns skip
// unchanged files), the run lock, filters and shares (--shard) that select files, run reports, and merging the
// manifests, checksum files and reports of sharded runs.
export { ManifestError, loadManifest, saveManifest } from './manifest.js';
export type { Manifest, ManifestEntry, ManifestOutput } from './manifest.js';
export { ManifestBuilder } from './incremental.js';
export type { Planned } from './incremental.js';
export { LockError, LockedError, acquireLock } from './lock.js';
export { RunRecorder } from './report.js';
export type { FileEvent } from './report.js';
export { relativeTo, shardOf } from './select.js';
export type { Selection } from './select.js';
export type { Share } from './shard-env.js';
export { writeAtomic } from './atomic.js';
export { mergeChecksumLines, mergeManifests } from './merge.js';
/** Reads one line of a checksum file (what mergeChecksumLines sorts by: the name on it). */
export { parseChecksumLine } from '../hash/parse.js';
export { isReport, mergeReports } from './merge-reports.js';
export type { RunReport } from './merge-reports.js';
