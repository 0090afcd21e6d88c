// Returns the file's own bytes; for a file named probe, reports what became of the previous file's bytes in the
// worker: a buffer of byteLength 0 was moved to the main thread, not copied.
import { defineMapper } from '../../src/index.js';

const state = globalThis as { lastData?: Uint8Array };

export default defineMapper((file): Uint8Array | { previousByteLength: number } => {
  if (file.path.includes('probe')) return { previousByteLength: state.lastData?.buffer.byteLength ?? -1 };
  state.lastData = file.data;
  return file.data;
});
