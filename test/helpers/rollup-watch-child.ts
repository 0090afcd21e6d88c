// Child process of the Rollup watch test: builds a generated app with rollup.watch and pario's plugin, closes the
// watcher after the first build and prints the plugin's log lines. The process must then end by itself: pario's
// pool is closed by closeWatcher (and idle threads never hold the event loop).
import { join } from 'node:path';
import { watch } from 'rollup';
import { writeViteApp } from '../../bench/corpus/vite-app.js';
import { pario } from '../../src/vite/index.js';

const root = process.argv[2] ?? '';
writeViteApp(root, 40, { css: false });
const watcher = watch({
  input: join(root, 'src', 'main.js'),
  plugins: [pario({ jobs: 2 })],
  output: { dir: join(root, 'dist'), format: 'es' },
  onLog: (_level, log) => void process.stdout.write(`${log.message}\n`),
});
watcher.on('event', (event) => {
  if (event.code === 'BUNDLE_END') void event.result.close();
  if (event.code === 'ERROR') process.stdout.write(`error: ${event.error.message}\n`);
  if (event.code === 'END' || event.code === 'ERROR') void watcher.close();
});
