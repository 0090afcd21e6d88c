// Which worker modules a pool preloads, apart from the pool itself (piscina): the CLI reads this before it starts a
// pool, so a command that needs none (--version, --help) starts no thread.
import type { WorkerModule } from '../../workers/protocol.js';

/** What a createPario handle runs: readFiles, readFile (ranges) and mapFiles, never the codecs or the hasher. */
export const PARIO_MODULES: readonly WorkerModule[] = ['read', 'readRange', 'map'];
