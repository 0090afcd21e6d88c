// A worker entry for fault tests: pario's real job kinds, except that `compress` ends its thread when it reaches a
// file named die-* (after doing the files before it and leaving a temp file beside that one's output, as a crash
// mid-write would). Used only by test/helpers/dying-pool.ts; nothing in src/ or workers/ knows of it.
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { compress as realCompress } from '../../workers/compress.js';
import type { CodecFileResult, CompressTask } from '../../workers/compress-protocol.js';
import { tempPathFor } from '../../workers/temp-name.js';

export * from '../../workers/index.js';

export async function compress(task: CompressTask): Promise<CodecFileResult[]> {
  const doomed = task.files.findIndex((file) => basename(file.abs).startsWith('die-'));
  if (doomed < 0) return realCompress(task);
  await realCompress({ ...task, files: task.files.slice(0, doomed), maxBytes: Infinity });
  const output = task.files[doomed]?.outputs[0] ?? '';
  writeFileSync(tempPathFor(output), 'partial');
  process.exit(1);
}
