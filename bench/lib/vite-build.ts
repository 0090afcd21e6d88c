// One `vite build` of a generated app, for the build bench case: node dist/bench/lib/vite-build.js PLUGIN ROOT TIMINGS
// PLUGIN: pario (pario/vite), compression2 (vite-plugin-compression2) or none; both at gzip 9 + brotli 11, the same
// files (text formats, 1 KiB or more). Appends the in-process build() time in ms to TIMINGS (one line per run).
import { appendFileSync } from 'node:fs';
import { constants } from 'node:zlib';
import { build } from 'vite';
import type { PluginOption } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { DEFAULT_INCLUDE } from '../../src/vite/options.js';
import { pario } from '../../src/vite/index.js';

/** DEFAULT_INCLUDE (`*.{html,css,…}`) as the RegExp vite-plugin-compression2 takes. */
const INCLUDE = new RegExp(`\\.(${/\{(.*)\}/.exec(DEFAULT_INCLUDE)?.[1]?.split(',').join('|') ?? ''})$`);

function plugins(kind: string): PluginOption[] {
  switch (kind) {
    case 'pario':
      return [pario({ algorithms: [['gzip', 9], ['brotli', 11]], threshold: 1024 })];
    case 'compression2':
      return [compression({
        algorithms: [
          defineAlgorithm('gzip', { level: 9 }),
          defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        ],
        include: INCLUDE,
        threshold: 1024,
        logLevel: 'silent',
      })];
    case 'none':
      return [];
    default:
      throw new Error(`unknown plugin ${kind}: pario, compression2 or none`);
  }
}

const [kind = '', root = '', timings = ''] = process.argv.slice(2);
const start = performance.now();
await build({ root, configFile: false, logLevel: 'error', plugins: plugins(kind), build: { chunkSizeWarningLimit: 1e9 } });
appendFileSync(timings, `${(performance.now() - start).toFixed(1)}\n`);
