// `pario/handle`: a warm pool of threads for many calls (createPario), without loading any engine: a handle's threads
// start while the caller goes on loading; the readers, mapper and codecs load when a call first needs them.
export { createPario, readFile, readFiles } from '../pario.js';
export type { Pario, ParioOptions, PerCall, WorkerKind } from '../pario.js';
export type { ProgressSnapshot } from '../pool/progress.js';
