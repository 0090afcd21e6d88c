// Returns something that cannot be cloned for files named fn*, and ends its worker thread for files named die*.
import { defineMapper } from '../../src/index.js';

export default defineMapper((file): number | { size: () => number } => {
  if (file.path.includes('fn')) return { size: () => file.size };
  if (file.path.includes('die')) process.exit(3); // in a worker thread this ends the thread, not the process
  return file.size;
});
