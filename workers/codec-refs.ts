// The refs of a codec task's files: through folder handles when the main thread sent them, else the paths as given
// (a task built by hand, in tests or by a caller naming files).
import type { CodecFile } from './compress-protocol.js';
import type { FileRef } from './file-protocol.js';
import { namedRef } from './file-protocol.js';

export function inputRef(file: CodecFile): FileRef {
  return file.at ?? namedRef(file.abs);
}

export function outputRef(file: CodecFile, index: number): FileRef {
  return file.outputsAt?.[index] ?? namedRef(file.outputs[index] ?? '');
}

/** How a codec task's outputs are committed: fsync as asked, identified when a manifest records them. */
export function commitOptions(task: { readonly fsync: boolean; readonly identify?: boolean }): { fsync: boolean; identify: boolean } {
  return { fsync: task.fsync, identify: task.identify === true };
}
