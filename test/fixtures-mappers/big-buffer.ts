// Returns a fresh 8 MiB ArrayBuffer (nested in an object) for files named big*, and keeps it in a global so that a
// later call, for a file named probe, reports what became of it in the worker: byteLength 0 means it was moved.
import { defineMapper } from '../../src/index.js';

const state = globalThis as { lastBuffer?: ArrayBuffer };

type Result = { lastByteLength: number } | { buffer: ArrayBuffer; echo: Uint8Array; part: Uint8Array };

export default defineMapper((file): Result => {
  if (file.path.includes('probe')) return { lastByteLength: state.lastBuffer?.byteLength ?? -1 };
  const buffer = new ArrayBuffer(8 << 20);
  new Uint8Array(buffer).fill(file.data[0] ?? 0);
  state.lastBuffer = buffer;
  return { buffer, echo: file.data, part: Buffer.from(file.path) };
});
