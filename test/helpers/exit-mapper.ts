// A mapper whose worker thread ends (process.exit in a worker ends the thread, not the process) on files named exit-*.
import { defineMapper } from '../../src/index.js';

export default defineMapper((file) => {
  if (/(^|\/)exit-[^/]*$/.test(file.path)) process.exit(1);
  return file.size;
});
