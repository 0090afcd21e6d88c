/** A small, fast, seeded PRNG (xorshift128+ on 32-bit halves): the same seed always yields the same corpus. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 to spread the seed over the state
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next() | 1;
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** A uniform 32-bit unsigned integer (xoshiro128**-like step). */
  u32(): number {
    const t = this.b << 9;
    let r = Math.imul(this.b, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = (this.d << 11) | (this.d >>> 21);
    return r >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** An index in [0, n) biased towards small values (Zipf-like: word frequencies, identifier reuse). */
  zipf(n: number): number {
    const f = this.float();
    return Math.min(n - 1, Math.floor(n * f * f * f * f));
  }

  /** Fills the view with uniform random bytes. */
  fill(view: Uint8Array): void {
    const words = Math.floor(view.byteLength / 4);
    const dv = new DataView(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < words; i += 1) dv.setUint32(i * 4, this.u32(), true);
    for (let i = words * 4; i < view.byteLength; i += 1) view[i] = this.u32() & 0xff;
  }
}
