// The one place that knows where the worker code is. From dist/src/pool/ this is dist/workers/index.js, both for users
// and for the tests (which run from dist/test/).
export const WORKER_ENTRY = new URL('../../workers/index.js', import.meta.url);
