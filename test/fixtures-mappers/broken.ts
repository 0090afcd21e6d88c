// Throws while being imported: mapFiles must reject the whole call, naming the module and the cause.
import { defineMapper } from '../../src/index.js';

if (process.env['PARIO_TEST_NEVER_SET'] === undefined) throw new Error('broken at load');

export default defineMapper((file) => file.size);
