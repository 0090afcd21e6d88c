import { workerData } from 'node:worker_threads';
import { PROGRESS_BYTES_READ, PROGRESS_BYTES_WRITTEN, PROGRESS_FAILURES, PROGRESS_FILES } from './protocol.js';
import type { WorkerData } from './protocol.js';

const data = workerData as WorkerData | undefined;
const counters = data?.progress === undefined ? undefined : new BigInt64Array(data.progress);

/** Bumps the shared counters the main thread samples; no message is sent. */
export function addProgress(files: number, bytesRead: number, bytesWritten = 0, failures = 0): void {
  if (counters === undefined) return;
  if (files !== 0) Atomics.add(counters, PROGRESS_FILES, BigInt(files));
  if (bytesRead !== 0) Atomics.add(counters, PROGRESS_BYTES_READ, BigInt(bytesRead));
  if (bytesWritten !== 0) Atomics.add(counters, PROGRESS_BYTES_WRITTEN, BigInt(bytesWritten));
  if (failures !== 0) Atomics.add(counters, PROGRESS_FAILURES, BigInt(failures));
}
