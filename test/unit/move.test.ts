import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { withMoved } from '../../workers/move.js';

describe('withMoved', () => {
  it('wraps a value so that Piscina sends the value and moves the given buffers', () => {
    const buffer = new ArrayBuffer(16);
    const value = { entries: [{ bytes: new Uint8Array(buffer) }] };
    const wrapped = withMoved(value, new Set([buffer])) as unknown as Record<symbol, unknown>;
    expect(wrapped[Piscina.transferableSymbol]).toEqual([buffer]);
    expect(wrapped[Piscina.valueSymbol]).toBe(value);
    // Piscina's worker transfers only what its own move() marked, with a private symbol: the mark must be there,
    // or the bytes would silently be cloned instead of moved.
    const marks = Object.getOwnPropertySymbols(wrapped).filter((s) => s.description === 'Piscina.kMovable');
    expect(marks.map((s) => wrapped[s])).toEqual([true]);
  });
});
