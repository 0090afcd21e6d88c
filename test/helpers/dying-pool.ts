// A ParioPool (the real Piscina setup of src/pool/pool.ts) whose workers load test/helpers/dying-worker.js.
import { Piscina } from 'piscina';
import type { ParioPool } from '../../src/pool/pool.js';
import { Progress } from '../../src/pool/progress.js';
import type { WorkerData } from '../../workers/protocol.js';

export function dyingPool(jobs: number): ParioPool {
  const progress = new Progress();
  const workerData: WorkerData = { progress: progress.buffer, stop: new SharedArrayBuffer(4) };
  const piscina = new Piscina({
    filename: new URL('./dying-worker.js', import.meta.url).href,
    minThreads: jobs, maxThreads: jobs, concurrentTasksPerWorker: 1, workerData, trackUnmanagedFds: true,
  });
  return {
    jobs,
    progress,
    run: <R>(name: string, task: object, options: { signal?: AbortSignal | undefined } = {}) =>
      piscina.run(task, { name, ...(options.signal === undefined ? {} : { signal: options.signal }) }) as Promise<R>,
    close: () => piscina.close(),
    destroy: () => piscina.destroy(),
    exited: async () => undefined, // its threads end with process.exit(): gone when their tasks fail
  };
}
