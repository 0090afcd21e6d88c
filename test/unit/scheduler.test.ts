// The one scheduler alone, on a fake pool: hand-backs come back in pieces, a dead worker fails only its job's files,
// fatal errors and aborts end the run, big files go first, results can be put in order, the window bounds the work.
import { describe, expect, it } from 'vitest';
import { reorder } from '../../src/pool/order.js';
import type { Held, Positioned } from '../../src/pool/order.js';
import { schedule } from '../../src/pool/scheduler.js';
import type { Job, Lane, Settlement } from '../../src/pool/scheduler.js';
import type { ParioPool } from '../../src/pool/pool.js';

/** A fake pool: every task is a no-op that counts; what a job says of its files is the test's `reply`. */
const sent: string[] = [];
const pool = {
  jobs: 2,
  exited: async (): Promise<void> => undefined,
  run: (async (kind: string) => {
    sent.push(kind);
    return 0;
  }) as ParioPool['run'],
};
const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Out = Positioned<string>;
type Reply = (job: Job<number>) => readonly Settlement<number, Out>[] | Promise<readonly Settlement<number, Out>[]>;

function lane(reply: Reply, extra: Partial<Lane<number, Job<number>, Out>> = {}): Lane<number, Job<number>, Out> {
  return {
    doing: 'testing',
    places: (job) => job.files.map((i) => `/d/f${i}`),
    run: async (job, _refs, call) => {
      await call('noop', { count: job.files.length });
      return reply(job);
    },
    failed: (i, failure) => ({ index: i, result: `${i}:${failure.code}:${failure.message}` }),
    batch: (files) => ({ files }),
    ...extra,
  };
}

const done = (i: number): Settlement<number, Out> => ({ result: { index: i, result: `${i}` } });
const jobsOf = (...sizes: number[]): Job<number>[] => {
  let next = 0;
  return sizes.map((size) => ({ files: Array.from({ length: size }, () => next++) }));
};

async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('schedule', () => {
  it('queues hand-backs again in pieces the size of what the task got through, in order, none lost', async () => {
    const sizes: number[] = [];
    const reply: Reply = (job) => {
      sizes.push(job.files.length);
      return job.files.length === 64 ? job.files.map((i) => (i < 10 ? done(i) : { handBack: i })) : job.files.map(done);
    };
    const out = await all(schedule(lane(reply), jobsOf(64), { pool }));
    expect(sizes).toEqual([64, 10, 10, 10, 10, 10, 4]);
    expect(sent.splice(0)).toEqual(Array(7).fill('noop')); // one task per job, through the pool
    expect(out.map((r) => r.index).sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
  });

  it('a task that got through one file hands the rest back one file per piece; nothing handed back, nothing queued', async () => {
    const sizes: number[] = [];
    const reply: Reply = (job) => {
      sizes.push(job.files.length);
      return job.files.map((i, k) => (job.files.length === 4 && k > 0 ? { handBack: i } : done(i)));
    };
    await all(schedule(lane(reply), jobsOf(4, 3), { pool, limit: 1 }));
    expect(sizes).toEqual([4, 1, 1, 1, 3]);
  });

  it('a job whose worker died fails each of its files with ERR_WORKER_DIED; the other jobs go on', async () => {
    const reply: Reply = (job) => {
      if (job.files.includes(3)) throw new Error('boom');
      return job.files.map(done);
    };
    const out = await all(schedule(lane(reply), jobsOf(3, 2, 3), { pool }));
    expect(out.map((r) => r.result).sort()).toEqual([
      '0', '1', '2', '3:ERR_WORKER_DIED:the worker testing it stopped: boom', '4:ERR_WORKER_DIED:the worker testing it stopped: boom',
      '5', '6', '7',
    ]);
  });

  it('a lane may say what a crash means for its job (one range of a file: nothing yet)', async () => {
    const crashed = lane(() => Promise.reject(new Error('gone')), { crashed: () => [] });
    expect(await all(schedule(crashed, jobsOf(2), { pool }))).toEqual([]);
  });

  it('fatal errors and aborts end the run instead of failing files', async () => {
    const fatal = lane(() => Promise.reject(Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' })), {
      fatal: (error) => (error as { code?: string }).code === 'EMFILE',
    });
    await expect(all(schedule(fatal, jobsOf(1), { pool }))).rejects.toMatchObject({ code: 'EMFILE' });
    const aborted = lane(() => Promise.reject(new DOMException('stop', 'AbortError')));
    await expect(all(schedule(aborted, jobsOf(1), { pool }))).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    controller.abort();
    await expect(all(schedule(lane((job) => job.files.map(done)), jobsOf(1), { pool, signal: controller.signal })))
      .rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a big file goes to the lane\'s own jobs, which start before any further job of the source', async () => {
    const started: string[] = [];
    const reply: Reply = (job) => {
      const [first] = job.files;
      started.push(job.weight === 99 ? `big${first}` : `batch${first}`);
      if (job.weight === 99) return [done(first as number)];
      return job.files.map((i) => (i === 1 ? { big: i, size: 99 } : done(i)));
    };
    const big = lane(reply, { big: (i, size) => [{ files: [i], weight: size }] });
    const out = await all(schedule(big, jobsOf(2, 1, 1), { pool, limit: 1 }));
    expect(started).toEqual(['batch0', 'big1', 'batch2', 'batch3']);
    expect(out.map((r) => r.result)).toEqual(['0', '1', '2', '3']);
    const refused = lane(() => [{ big: 0, size: 5 }], { big: (i) => ({ result: { index: i, result: 'too big' } }) });
    expect((await all(schedule(refused, jobsOf(1), { pool }))).map((r) => r.result)).toEqual(['too big']);
  });

  it('results finish in any order and leave in source order through the in-order stage, holding at most what admit allows', async () => {
    const reply: Reply = async (job) => {
      await tick((5 - (job.files[0] as number)) * 3);
      return job.files.map(done);
    };
    const held: Held = { count: 0, bytes: 0 };
    let peak = 0;
    const admit = (inFlight: number): boolean => {
      peak = Math.max(peak, inFlight + held.count);
      return inFlight + held.count < 3;
    };
    const out = await all(reorder(schedule(lane(reply), jobsOf(1, 1, 1, 1, 1, 1), { pool, admit }), held));
    expect(out).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('keeps at most `limit` jobs and `maxWeight` in flight, and pulls the source only as it goes', async () => {
    let running = 0;
    let most = 0;
    const reply: Reply = async (job) => {
      running += 1;
      most = Math.max(most, running);
      await tick(2);
      running -= 1;
      return job.files.map(done);
    };
    await all(schedule(lane(reply), jobsOf(1, 1, 1, 1, 1, 1, 1, 1), { pool, limit: 3 }));
    expect(most).toBe(3);
    most = 0;
    const heavy = jobsOf(1, 1, 1, 1).map((job) => ({ ...job, weight: 10 }));
    await all(schedule(lane(reply), heavy, { pool, limit: 4, maxWeight: 25 }));
    expect(most).toBe(2);
    let pulled = 0;
    function* source(): Generator<Job<number>> {
      for (const job of jobsOf(1, 1, 1, 1, 1, 1)) {
        pulled += 1;
        yield job;
      }
    }
    const run = schedule(lane(reply), source(), { pool, limit: 2 });
    await run.next();
    expect(pulled).toBeLessThanOrEqual(3);
    await run.return(undefined);
  });

  it('stopAfter ends the run after the rest of the matching job\'s results; no further job starts', async () => {
    const started: number[] = [];
    const reply: Reply = (job) => {
      started.push(job.files[0] as number);
      return job.files.map((i) => (i === 1 ? { result: { index: i, result: 'failed' } } : done(i)));
    };
    const out = await all(schedule(lane(reply), jobsOf(3, 2, 2), { pool, limit: 1, stopAfter: (r) => r.result === 'failed' }));
    expect(out.map((r) => r.result)).toEqual(['0', 'failed', '2']);
    expect(started).toEqual([0]);
  });
});
