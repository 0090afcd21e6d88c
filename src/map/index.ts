// mapFiles: the user's own per-file function on every core.
export { defineMapper } from './define.js';
export type { MapFileOk, MapResult, MapValue, MappedFile, Mapper, MapperModule } from './define.js';
export { mapFiles } from './map-files.js';
export type { MapOptions } from './map-files.js';
