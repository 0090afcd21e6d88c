// `npm start`: pario's main job on the bundled fixtures/: compress every file to .gz, .br and .zst under .pario-out/
// (ignored by git), then test the outputs, printing what it did.
import { fileURLToPath } from 'node:url';
import { main } from './main.js';
import { raiseInterruptBudget } from './v8-tuning.js';

raiseInterruptBudget(); // before main() starts the pool

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const out = fileURLToPath(new URL('../../../.pario-out/', import.meta.url));
process.stdout.write(`pario: compressing every file under ${fixtures} to .gz, .br and .zst in ${out}\n`);
let code = await main(['compress', fixtures, '--dot', '--gzip', '--brotli', '--zstd', '-f', '-o', out], process);
if (code === 0) {
  process.stdout.write(`pario: testing the outputs in ${out}\n`);
  code = await main(['test', out, '--dot'], process);
}
process.exitCode = code;
