// A BlockPool that runs the block job kinds in-process (no threads), for unit tests of the main-thread pipeline.
import type { DeflateBlockTask, ZstdBlockTask } from '../../workers/blocks-protocol.js';
import { deflateBlockSync, zstdBlockSync } from '../../workers/blocks.js';
import type { BlockPool } from '../../src/bigfile/options.js';

export function inlineBlockPool(jobs: number): BlockPool & { runs: string[] } {
  const runs: string[] = [];
  return {
    jobs,
    runs,
    async run<R>(name: string, task: object): Promise<R> {
      runs.push(name);
      await new Promise((resolve) => setImmediate(resolve)); // complete asynchronously, as a worker would
      if (name === 'deflateBlock') return deflateBlockSync(task as DeflateBlockTask) as R;
      if (name === 'zstdBlock') return zstdBlockSync(task as ZstdBlockTask) as R;
      throw new Error(`unknown job kind ${name}`);
    },
  };
}
