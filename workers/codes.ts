// Every code pario itself gives a failure or an error, as one closed list (types and constants only). Branch on these,
// never on messages. A failure may also carry the system's own code as Node reports it (ENOENT, EACCES, ENOSPC, …,
// and Node's ERR_… codes such as ERR_FS_FILE_TOO_LARGE): SystemErrorCode. A mapper's failure carries the code its
// function threw with.
export const PARIO_CODES = [
  /** A bad option at a public call; a bad command line. */
  'ERR_PARIO_OPTION', 'ERR_PARIO_USAGE',
  /** A path that exists but is not a regular file (FIFO, socket, device). */
  'ERR_NOT_REGULAR_FILE',
  /** A file whose size or mtime changed while pario read it. */
  'ERR_FILE_CHANGED',
  /** Each file of a task whose worker thread died (the pool starts another; the run goes on). */
  'ERR_WORKER_DIED',
  /** A task stopped because its call was aborted or its pool ended (never shown for a file). */
  'ERR_PARIO_STOPPED',
  /** A folder handle asked for after its run ended. */
  'ERR_PARIO_ENDED',
  /** A failure without a cause of its own; a run-level failure. */
  'ERR_PARIO_JOB', 'ERR_PARIO_RUN',
  /** Compressed data: corrupt, cut short, trailing garbage, an unknown format, a possible decompression bomb. */
  'ERR_PARIO_CORRUPT', 'ERR_PARIO_TRAILING_DATA', 'ERR_PARIO_UNKNOWN_FORMAT', 'ERR_PARIO_TOO_LARGE',
  /** zstd asked for where neither Node nor zstd-napi has it. */
  'ERR_PARIO_ZSTD_UNAVAILABLE',
  /** Refusals that keep a hostile tree from doing harm (as gzip refuses them). */
  'ERR_PARIO_SPECIAL_MODE', 'ERR_PARIO_HARD_LINKED', 'ERR_PARIO_FOLDER_MOVED', 'ERR_PARIO_SAME_FILE', 'ERR_PARIO_OUTSIDE_BASE',
  /** Names: one that cannot be written back as it was read, one that is not a file name, a NUL in a checksum line. */
  'ERR_PARIO_LOSSY_NAME', 'ERR_PARIO_BAD_NAME', 'ERR_NUL_IN_NAME',
  /** Batch jobs: manifests, locks, shard reports and their merge (a line that is no checksum line, a name twice). */
  'ERR_PARIO_MANIFEST', 'ERR_PARIO_LOCK', 'ERR_PARIO_LOCKED', 'ERR_PARIO_REPORT', 'ERR_PARIO_MERGE', 'ERR_PARIO_MALFORMED',
  'ERR_PARIO_DUPLICATE',
  /** mapFiles: the mapper module cannot be used (it failed to load, or has no default-exported function), or threw. */
  'ERR_PARIO_MAPPER', 'ERR_MAPPER_LOAD', 'ERR_MAPPER_NO_DEFAULT', 'ERR_MAPPER_THREW',
] as const;

/** A code pario itself gives. */
export type ParioCode = (typeof PARIO_CODES)[number];

/** A code the system or Node gave, passed on as it came: errno names (ENOENT, …) and Node's own ERR_… codes. */
export type SystemErrorCode = `E${string}`;

/** The code of any failure pario reports (a mapper's may also be the code its function threw with). */
export type ErrorCode = ParioCode | SystemErrorCode;
