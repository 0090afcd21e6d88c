import * as workerThreads from 'node:worker_threads';

/** Containers deeper than this are not searched: buffers down there are copied by the structured clone instead. */
const MAX_DEPTH = 8;

type TypedArrayConstructor = new (buffer: ArrayBuffer) => ArrayBufferView;

// Node ≥ 21 marks pooled Buffer slabs untransferable (and throws DataCloneError when asked to move one); Node 20 has
// no such check and silently clones them, so there the answer is "no".
const isUntransferable = (workerThreads as { isMarkedAsUntransferable?: (value: object) => boolean }).isMarkedAsUntransferable
  ?? (() => false);

/**
 * Prepares a mapper's value for the trip back to the main thread. Every ArrayBuffer, and every typed array or
 * DataView that spans a whole ArrayBuffer, found at the top or inside plain objects and arrays, goes on the transfer
 * list: it is moved, not copied (the worker's copy is detached). A view of part of a buffer (such as a small pooled
 * Buffer, whose slab holds other Buffers too) or of the worker's own scratch memory is copied into a fresh, compact
 * buffer first, and that copy is moved. Containers are rebuilt only where something inside them was replaced.
 */
export function prepareTransfer(value: unknown, scratch: SharedArrayBuffer | undefined, transfer: Set<ArrayBuffer>, depth = 0): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') {
    // Caught here, it fails this file only; found by postMessage, it would end the worker and fail the whole batch.
    throw new DOMException(`a ${typeof value} cannot be sent to the main thread (return structured-cloneable data)`, 'DataCloneError');
  }
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof ArrayBuffer) {
    if (!isUntransferable(value)) {
      transfer.add(value);
      return value;
    }
    const copy = value.slice(0);
    transfer.add(copy);
    return copy;
  }
  if (ArrayBuffer.isView(value)) return prepareView(value, scratch, transfer);
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (!visit(item)) continue;
      const prepared = prepareTransfer(item, scratch, transfer, depth + 1);
      if (prepared !== item) (out ??= [...value])[i] = prepared;
    }
    return out ?? value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // class instances, Map, Set, Date…: cloned as they are
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    if (!visit(item)) continue;
    const prepared = prepareTransfer(item, scratch, transfer, depth + 1);
    if (prepared !== item) (out ??= { ...value })[key] = prepared;
  }
  return out ?? value;
}

function visit(item: unknown): boolean {
  return (typeof item === 'object' && item !== null) || typeof item === 'function' || typeof item === 'symbol';
}

function prepareView(view: ArrayBufferView, scratch: SharedArrayBuffer | undefined, transfer: Set<ArrayBuffer>): ArrayBufferView {
  const buffer = view.buffer as ArrayBuffer | SharedArrayBuffer;
  if (buffer instanceof SharedArrayBuffer && buffer !== scratch) return view; // shared on purpose: stays shared
  const whole = view.byteOffset === 0 && view.byteLength === buffer.byteLength;
  if (buffer instanceof ArrayBuffer && whole && !isUntransferable(buffer)) {
    transfer.add(buffer);
    return view;
  }
  const copy = new ArrayBuffer(view.byteLength);
  new Uint8Array(copy).set(new Uint8Array(buffer, view.byteOffset, view.byteLength));
  transfer.add(copy);
  if (view instanceof DataView) return new DataView(copy);
  if (Buffer.isBuffer(view)) return new Uint8Array(copy); // a Buffer arrives as a Uint8Array anyway
  const Typed = view.constructor as TypedArrayConstructor;
  return new Typed(copy);
}
