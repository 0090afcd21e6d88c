// What the cron stage needs of each input for the manifest check (size, mtime in ns, inode), looked up on a worker
// thread: one stat a file on the main thread was a third of an unchanged rerun. Names resolve through their folders'
// handles (at.ts), as every other file operation; a link at the end is followed only where the ref says.
import { lstatSync, statSync, type BigIntStats } from 'node:fs';
import { at } from './at.js';
import type { StatResult, StatTask } from './protocol.js';
import { statFields } from './stat-protocol.js';

export function stat(task: StatTask): StatResult {
  const count = task.files.length;
  const result: StatResult = {
    size: new Array<number>(count), ino: new Array<number>(count), mtimeNs: new Array<string>(count), mtimeMs: new Array<number>(count),
  };
  task.files.forEach((ref, i) => {
    let s: BigIntStats | undefined;
    try {
      const look = ref.follow ? statSync : lstatSync;
      s = ref.fail === undefined ? at(ref.dir, ref.name, (path) => look(path, { bigint: true, throwIfNoEntry: false })) : undefined;
    } catch {
      s = undefined; // the task that reads it says why
    }
    const fields = statFields(s);
    result.size[i] = fields?.size ?? -1;
    result.ino[i] = fields?.ino ?? 0;
    result.mtimeNs[i] = fields?.mtimeNs ?? '';
    result.mtimeMs[i] = fields?.mtimeMs ?? 0;
  });
  return result;
}
