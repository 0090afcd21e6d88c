// `pario/system`: how pario meets the system it runs on: file names that are not UTF-8 (carried as strings, written as
// their bytes), a current folder too deep to name, the open-file limit, the threads it allows and what they preload.
// Loads neither the pool nor any engine.
export { decodeName, encodeName as pathBytes, fsPath, rawChunk } from '../../workers/names.js';
export { holdLongCurrentFolder, inCurrentFolder } from '../cwd.js';
export { defaultJobs, openFileLimit } from '../pool/jobs.js';
/** What createPario's threads preload unless told: the readers and the mapper. */
export { PARIO_MODULES as DEFAULT_PRELOAD } from '../pool/modules.js';
/** What a compress, decompress or test run preloads (`createPario({ preload })`). */
export { codecModules as codecPreload } from '../compress/task.js';
/** Files this size and up are compressed by every thread at once (`blocks` work): gzip, deflate and zstd. */
export { BIG_FILE_MIN } from '../compress/route.js';
