// `npm start`: pario's main job on the bundled fixtures/, printing what it did.
import { fileURLToPath } from 'node:url';
import { main } from './main.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
process.stdout.write(`pario: reading every file under ${fixtures} on all cores\n`);
process.exitCode = await main(['read', fixtures, '--dot'], process);
