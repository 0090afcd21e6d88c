// What the main thread does with a finished codec task: files a worker handed back (its byte budget was spent) are
// queued again in pieces that idle workers can take side by side, never as one chain for one worker at a time.
import { describe, expect, it } from 'vitest';
import type { CodecFile, CodecFileResult } from '../../workers/compress-protocol.js';
import { collect, type Item } from '../../src/compress/engine.js';

const files: CodecFile[] = Array.from({ length: 64 }, (_, i) => ({ abs: `/d/f${i}`, path: `f${i}`, outputs: [`/d/f${i}.br`] }));
const ok = (file: CodecFile): CodecFileResult => ({ ok: true, path: file.path, bytesIn: 30_000, ms: 25, outputs: [], removed: false });
const handedBack = (file: CodecFile): CodecFileResult => ({ ok: true, path: file.path, bytesIn: 0, ms: 0, outputs: [], removed: false, deferred: true });

describe('collect', () => {
  it('splits handed-back files into pieces the size of what the task got through, in order, none lost', () => {
    const urgent: Item[] = [];
    const results = files.map((file, i) => (i < 10 ? ok(file) : handedBack(file)));
    const out = collect(results, files, urgent);
    expect(out.map((r) => r.path)).toEqual(files.slice(0, 10).map((f) => f.path));
    expect(urgent.map((item) => (item.kind === 'batch' ? item.files.length : -1))).toEqual([10, 10, 10, 10, 10, 4]);
    expect(urgent.flatMap((item) => (item.kind === 'batch' ? item.files.map((f) => f.path) : []))).toEqual(files.slice(10).map((f) => f.path));
  });

  it('a task that got through one file only hands the rest back one file per piece; nothing handed back, nothing queued', () => {
    const urgent: Item[] = [];
    collect(files.slice(0, 4).map((file, i) => (i === 0 ? ok(file) : handedBack(file))), files.slice(0, 4), urgent);
    expect(urgent.map((item) => (item.kind === 'batch' ? item.files.map((f) => f.path) : []))).toEqual([['f1'], ['f2'], ['f3']]);
    const none: Item[] = [];
    collect(files.slice(0, 3).map(ok), files.slice(0, 3), none);
    expect(none).toEqual([]);
  });
});
