// A plan read by two consumers at their own pace: the output takes every planned file in order, the workers take only
// those to hash (ahead of the output, as far as their window goes). One reading of the plan feeds both, and it is read
// only as far as either needs: the files between the output and the reading wait here, about AHEAD of them at most.
// The workers' side cannot wait for the output (the scheduler waits for its next file before it hands on a finished
// one, and the output may be waiting for that one): once AHEAD files wait and none is to hash, its stream ends. The
// output then starts another stream for the next file to hash (result(): the results still come in plan order).
import type { Planned } from '../runs/incremental.js';
import { GroupCursor } from '../pool/groups.js';

/** Planned files read ahead of the output, at most, while the workers look for files to hash. */
const AHEAD = 8192;
/** Files handed to the engine together. */
const GROUP = 256;

/** What a planned file is: an item to hash, or one the output hands on without hashing ('cached'). */
export type Fate<I> = (planned: Planned) => I | 'cached';

/** The engine: one stream of items in, their results out in the same order (in groups). */
export type Engine<I, R> = (items: AsyncIterable<I[]>) => AsyncIterator<readonly R[]>;

export class PlanAhead<I, R> {
  private readonly plan: AsyncIterator<Planned[]>;
  /** Planned files not yet taken by the output, from `head` on. */
  private waiting: Planned[] = [];
  private head = 0;
  /** Files to hash not yet taken by the workers. */
  private hashing: I[] = [];
  /** The results of the stream of items now running. */
  private results: GroupCursor<R> | undefined;
  private ended = false;
  private reading: Promise<void> | undefined;

  constructor(
    plan: AsyncIterable<Planned[]>, private readonly fate: Fate<I>, private readonly engine: Engine<I, R>, private readonly ahead = AHEAD,
  ) {
    this.plan = plan[Symbol.asyncIterator]();
  }

  /** The next planned file in order, or undefined at the end. */
  async next(): Promise<Planned | undefined> {
    while (this.head === this.waiting.length) {
      if (this.ended) return undefined;
      await this.read();
    }
    const planned = this.waiting[this.head++];
    if (this.head >= 4096) this.waiting = this.waiting.slice(this.head), (this.head = 0);
    return planned;
  }

  /** The result of the next file to hash (of those next() handed on, in order), or undefined when the engine ended. */
  async result(): Promise<R | undefined> {
    const result = await this.results?.next();
    if (result !== undefined) return result;
    this.results = new GroupCursor(this.engine(this.toRun()));
    return this.results.next();
  }

  /**
   * The files to hash, in groups, in plan order, in one stream after another: each ends once the plan has ended, or
   * AHEAD planned files wait with none to hash (a stream that was asked for nothing ends at once).
   */
  private async *toRun(): AsyncGenerator<I[]> {
    for (;;) {
      while (this.hashing.length === 0 && !this.ended && this.waiting.length - this.head < this.ahead) await this.read();
      if (this.hashing.length === 0) return;
      yield this.hashing.splice(0, GROUP);
    }
  }

  /** Ends the plan's reading (its folder handles and stat tasks settle). */
  async return(): Promise<void> {
    this.ended = true;
    await this.reading?.catch(() => undefined);
    await this.plan.return?.();
  }

  /** Reads one group of the plan (one reading at a time, whoever asks). */
  private read(): Promise<void> {
    this.reading ??= (async () => {
      const next = await this.plan.next();
      if (next.done === true) {
        this.ended = true;
        return;
      }
      for (const planned of next.value) {
        const fate = this.fate(planned);
        this.waiting.push(planned);
        if (fate !== 'cached') this.hashing.push(fate);
      }
    })().finally(() => (this.reading = undefined));
    return this.reading;
  }
}
