// Combine checksums of consecutive pieces without re-reading them: CRC-32 (gzip) and Adler-32 (zlib).
// CRC-32: a port of zlib 1.2.12+ / pigz `multmodp` + `x2nmodp` (GF(2) polynomial arithmetic, reflected).
// crc32Combine(crc(A), crc(B), len(B)) === crc(A ‖ B). Pure: no I/O, safe to import from src/.

const POLY = 0xedb88320;

/** a(x) · b(x) mod p(x), both reflected 32-bit polynomials. */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  let bb = b >>> 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= bb;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    bb = (bb & 1) !== 0 ? (bb >>> 1) ^ POLY : bb >>> 1;
  }
  return p >>> 0;
}

/** X2N[k] = x^(2^k) mod p(x). */
const X2N: readonly number[] = (() => {
  const table: number[] = [];
  let p = 0x40000000; // x^1
  table.push(p);
  for (let n = 1; n < 32; n++) {
    p = multModP(p, p);
    table.push(p);
  }
  return table;
})();

/** x^(n · 2^k) mod p(x); n may be any safe non-negative integer (up to 2^53). */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x^0 == 1
  let rest = n;
  let bit = k;
  while (rest > 0) {
    if (rest % 2 === 1) p = multModP(X2N[bit & 31] ?? 0, p);
    rest = Math.floor(rest / 2);
    bit++;
  }
  return p;
}

function checkLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`length must be a safe non-negative integer, got ${length}`);
}

/** The operator that shifts a CRC over `length` zero bytes; reuse it when many pieces share one length (pigz g.shift). */
export function crc32Shift(length: number): number {
  checkLength(length);
  return x2nModP(length, 3);
}

/** CRC-32 of A‖B from crc(A), crc(B) and the byte length of B. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(crc32Shift(lengthB), crcA >>> 0) ^ (crcB >>> 0)) >>> 0;
}

/** Same as crc32Combine with a precomputed crc32Shift(lengthB). */
export function crc32CombineShift(crcA: number, crcB: number, shift: number): number {
  return (multModP(shift, crcA >>> 0) ^ (crcB >>> 0)) >>> 0;
}

const BASE = 65521; // largest prime below 2^16
const NMAX = 5552; // most bytes before the sums may overflow 2^32 (zlib's NMAX)

/** Adler-32 of `data`, continuing from `adler` (1 for a fresh checksum). Node 20's zlib exposes no adler32. */
export function adler32(data: Uint8Array, adler = 1): number {
  let a = adler & 0xffff;
  let b = (adler >>> 16) & 0xffff;
  let i = 0;
  const n = data.length;
  while (i < n) {
    const end = Math.min(i + NMAX, n);
    for (; i < end; i++) {
      a += data[i] as number;
      b += a;
    }
    a %= BASE;
    b %= BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** Adler-32 of A‖B from adler(A), adler(B) and the byte length of B (zlib adler32_combine_). */
export function adler32Combine(adlerA: number, adlerB: number, lengthB: number): number {
  checkLength(lengthB);
  const rem = lengthB % BASE;
  let sum1 = adlerA & 0xffff;
  let sum2 = (rem * sum1) % BASE;
  sum1 += (adlerB & 0xffff) + BASE - 1;
  sum2 += ((adlerA >>> 16) & 0xffff) + ((adlerB >>> 16) & 0xffff) + BASE - rem;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum2 >= BASE * 2) sum2 -= BASE * 2;
  if (sum2 >= BASE) sum2 -= BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}
