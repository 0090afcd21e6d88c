import { describe, expect, it } from 'vitest';
import { prepareTransfer } from '../../workers/map-transfer.js';

function prepare(value: unknown, scratch?: SharedArrayBuffer): { out: unknown; moved: ArrayBuffer[] } {
  const moved = new Set<ArrayBuffer>();
  const out = prepareTransfer(value, scratch, moved);
  return { out, moved: [...moved] };
}

describe('prepareTransfer', () => {
  it('leaves plain data alone and moves nothing', () => {
    const value = { a: 1, b: ['x', { c: null }], d: new Date(0) };
    const { out, moved } = prepare(value);
    expect(out).toBe(value);
    expect(moved).toEqual([]);
  });

  it('moves ArrayBuffers and whole-buffer typed arrays found at the top, in objects and in arrays', () => {
    const top = new ArrayBuffer(8);
    const floats = new Float64Array(4);
    const view = new DataView(new ArrayBuffer(3));
    const value = { nested: [{ floats }], view };
    expect(prepare(top).moved).toEqual([top]);
    const { out, moved } = prepare(value);
    expect(out).toBe(value);
    expect(moved).toEqual([floats.buffer, view.buffer]);
  });

  it('copies a view of part of a buffer (a pooled Buffer) compactly, keeping its type, without touching the input', () => {
    const slab = new ArrayBuffer(64);
    const part = new Int16Array(slab, 8, 4);
    part.set([1, 2, 3, 4]);
    const pooled = Buffer.from('hello');
    const value = { part, list: [pooled] };
    const { out, moved } = prepare(value);
    const o = out as { part: Int16Array; list: Uint8Array[] };
    expect(out).not.toBe(value);
    expect(value.part).toBe(part);
    expect(o.part).toBeInstanceOf(Int16Array);
    expect([...o.part]).toEqual([1, 2, 3, 4]);
    expect(o.part.buffer.byteLength).toBe(8);
    expect(Buffer.from(o.list[0] ?? []).toString()).toBe('hello');
    expect(moved).toEqual([o.part.buffer, o.list[0]?.buffer]);
  });

  it('copies views of the worker scratch memory and keeps other SharedArrayBuffers shared', () => {
    const scratch = new SharedArrayBuffer(16);
    const mine = new SharedArrayBuffer(4);
    const { out, moved } = prepare({ data: new Uint8Array(scratch, 0, 4), shared: new Uint8Array(mine) }, scratch);
    const o = out as { data: Uint8Array; shared: Uint8Array };
    expect(o.data.buffer).toBeInstanceOf(ArrayBuffer);
    expect(o.shared.buffer).toBe(mine);
    expect(moved).toEqual([o.data.buffer]);
  });

  it('refuses a function or a symbol with a DataCloneError', () => {
    expect(() => prepare({ f: () => 1 })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
    expect(() => prepare([Symbol('s')])).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
  });
});
