// `pario/files`: the files a set of patterns names, found as pario finds them (folders walked through held handles,
// links met not followed unless asked, ignore rules), the options every call shares, and reading a whole file or
// stream as chunks.
export { findChunks, findFiles } from './find.js';
export type { FindOptions, FoundFile } from './find.js';
export { ignoredTotals } from './ignore-counts.js';
export { resolveBase } from '../options.js';
export type { BaseOptions, ResolvedBase } from '../options.js';
export { abortable, readChunks } from '../read/whole.js';
