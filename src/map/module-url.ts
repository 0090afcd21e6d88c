// Where a mapper module is, as the `file:` URL workers import: checked when a call is made, before any engine loads.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OptionError } from '../errors.js';

/** A `file:` URL (URL or string) or a path resolved against `process.cwd()`, to the `file:` URL workers import. */
export function resolveModule(workerModule: unknown): string {
  let url: URL | undefined;
  if (workerModule instanceof URL) url = workerModule;
  else if (typeof workerModule === 'string' && workerModule.startsWith('file:')) url = new URL(workerModule);
  else if (typeof workerModule === 'string' && workerModule !== '') url = pathToFileURL(resolve(workerModule));
  if (url === undefined || url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) {
    const given = workerModule instanceof URL ? workerModule.href : workerModule;
    throw new OptionError('workerModule', 'a file: URL or a path of an existing module', given);
  }
  return url.href;
}

