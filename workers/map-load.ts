import type { MappedFile } from './map-protocol.js';

export type MapperFunction = (file: MappedFile) => unknown;

const loaded = new Map<string, Promise<MapperFunction>>();

/**
 * Imports the user's module once per worker thread (the promise is cached by URL, a failure too). ESM and CommonJS
 * both work: `export default fn`, `module.exports = fn`, and a transpiled `exports.default = fn`.
 */
export function loadMapper(url: string): Promise<MapperFunction> {
  let mapper = loaded.get(url);
  if (mapper === undefined) {
    mapper = import(url).then((namespace: unknown) => pickDefault(url, namespace));
    mapper.catch(() => undefined); // a load failure is reported by the task that awaits it
    loaded.set(url, mapper);
  }
  return mapper;
}

function pickDefault(url: string, namespace: unknown): MapperFunction {
  let candidate = (namespace as { default?: unknown }).default;
  if (typeof candidate !== 'function' && typeof (candidate as { default?: unknown } | undefined)?.default === 'function') {
    candidate = (candidate as { default: unknown }).default; // CommonJS built from `export default`
  }
  if (typeof candidate !== 'function') {
    const message = `${url} has no default export that is a function (use \`export default defineMapper((file) => …)\`)`;
    throw Object.assign(new TypeError(message), {
      code: 'ERR_MAPPER_NO_DEFAULT',
    });
  }
  return candidate as MapperFunction;
}
