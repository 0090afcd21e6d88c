import type { Rng } from './rng.js';

/**
 * Generates binary-like bytes that compress like executables and media mixes (gzip -6 ≈ 0.5–0.7): incompressible
 * runs (already-compressed payloads), tables of little-endian records with small deltas, zero padding, and
 * byte strings repeated from earlier in the file.
 */
export function binaryBytes(rng: Rng, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    const len = Math.min(size - at, 256 + rng.int(16384));
    const view = out.subarray(at, at + len);
    const kind = rng.int(10);
    if (kind < 4) {
      rng.fill(view);
    } else if (kind < 8) {
      let v = rng.u32();
      const step = 1 + rng.int(64);
      for (let i = 0; i + 8 <= len; i += 8) {
        v = (v + step + (rng.u32() & 7)) >>> 0;
        view.writeUInt32LE(v, i);
        view.writeUInt32LE(rng.int(4) * 0x1000, i + 4);
      }
      view.fill(0, len - (len % 8));
    } else if (kind < 9 || at < 1024) {
      view.fill(0);
    } else {
      const from = rng.int(at);
      const n = Math.min(len, at - from);
      out.copy(view, 0, from, from + n);
      view.fill(0, n);
    }
    at += len;
  }
  return out;
}
