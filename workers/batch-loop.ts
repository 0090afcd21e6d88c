// The per-task file loop of the codec jobs: files one after another until the task's byte budget is spent; the rest
// go back to the main thread as `deferred`, so a batch of large or slow files never leaves other workers idle.
import type { CodecFile, CodecFileResult } from './compress-protocol.js';
import { stopRequested } from './stop.js';

export async function eachFile(
  files: readonly CodecFile[],
  maxBytes: number,
  run: (file: CodecFile) => Promise<CodecFileResult>,
): Promise<CodecFileResult[]> {
  const results: CodecFileResult[] = [];
  let done = 0;
  for (const file of files) {
    if (done >= maxBytes || stopRequested()) {
      results.push({ ok: true, path: file.path, bytesIn: 0, ms: 0, outputs: [], removed: false, deferred: true });
      continue;
    }
    const result = await run(file);
    if (result.big === undefined) done += result.bytesIn;
    results.push(result);
  }
  return results;
}
