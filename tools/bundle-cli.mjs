// `npm run build`, after tsc: the CLI's main-thread code (dist/src/cli/entry.js and every module of pario's it loads,
// dynamic imports included) bundled into one module, dist/src/cli-bundle/entry.js, which bin.js loads when it is there.
// Node's ES module loader resolves, reads and links each module on its own: `pario hash FILE` loaded 111 of pario's.
// One module took 0.215 → 0.185 s on Node 20 (0.141 → 0.122 s on Node 24); the same code split at each dynamic import
// (64 chunks, 46 of them loaded by `hash`) saved only half of that. Packages stay outside (piscina finds its worker
// file by its own path, native addons load as they are; fast-glob and hash-wasm still load only when used), and so
// does the worker code: bundling it saved nothing measurable. The folder sits at the depth of dist/src/*/, so the
// paths the code builds from import.meta.url (package.json, dist/workers/index.js) are the same in the bundle.
import { rolldown } from 'rolldown';

const bundle = await rolldown({
  input: { entry: 'dist/src/cli/entry.js' },
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/'), // node: built-ins and packages
  logLevel: 'warn',
});
await bundle.write({ dir: 'dist/src/cli-bundle', format: 'esm', codeSplitting: false });
await bundle.close();
