// Throws for files whose name contains "bad" (with a code for "bad-code"), answers asynchronously for "slow".
import { defineMapper } from '../../src/index.js';

export default defineMapper(async (file) => {
  if (file.path.includes('bad-code')) throw Object.assign(new RangeError(`no ${file.path}`), { code: 'E_BAD' });
  if (file.path.includes('bad')) throw new TypeError(`cannot map ${file.path}`);
  if (file.path.includes('slow')) await new Promise((resolve) => setTimeout(resolve, 5));
  return file.size;
});
