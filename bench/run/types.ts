/** A process to start: every tool, pario included, is measured as a child process the same way. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Write the child's stdout to this file (hash manifests); otherwise it is discarded. */
  readonly stdoutFile?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** One column of a case: one tool doing the case's work. */
export interface Entry {
  readonly tool: string;
  /** pario's own entries: the report divides their time by each peer's. */
  readonly pario?: boolean;
  /**
   * pario's own code runs in this entry (default: `pario`): its failure stops the bench (bench/run/own.ts) instead of
   * showing as a failed column. Set it on pario variants that are not ratio columns (the V8 baseline, knob variants).
   */
  readonly own?: boolean;
  /**
   * Why this entry cannot run here (a peer tool missing), or undefined when it can. Not for pario's own flags or
   * exports: a pario command that cannot run must fail the bench with its stderr, not skip pario's column.
   */
  readonly unavailable?: () => Promise<string | undefined>;
  readonly command: () => Command;
  /** Runs before every run, untimed: removes the previous run's outputs so every run does the same work. */
  readonly prepare?: () => Promise<void>;
  /** Bytes the tool produced (compressed size, manifest size); read after the last run. */
  readonly outputBytes?: () => Promise<number>;
  /** Checks the last run's output; returns what is wrong, or undefined when it is valid. */
  readonly validate?: () => Promise<string | undefined>;
  /** A note printed under the table (e.g. "fixed level 9: precompress has no level option"). */
  readonly note?: string;
  /** Input bytes of this entry when they differ from the case's (growth: 1×, 2×, 4×). */
  readonly inputBytes?: number;
  /** Entries with the same pair key are compared with each other only (scaling: same -j; growth: same size). */
  readonly pair?: string;
  /** The tool family and worker count, for speed-up and parallel efficiency (scaling). */
  readonly family?: string;
  readonly workers?: number;
  /**
   * CPU ms the same tool spends on the same bytes as ONE stream (its codec alone, no per-file work), measured once
   * after the last run: the report subtracts it to print the per-file CPU beyond the codec (the xargs anchors).
   */
  readonly codecCpu?: () => Promise<number | undefined>;
}

/** The best a machine can do on this data: `cores × one core's throughput`, measured in-process. */
export interface Limit {
  readonly label: string;
  readonly mbPerSecond: number;
  /** One core's throughput per CPU second, MB/s: pario's codec CPU on the case's bytes is `bytes ÷ this`. */
  readonly coreMbPerSecond?: number;
}

export interface Case {
  /** Case group (one file in bench/cases/), used by `--only`. */
  readonly group: string;
  readonly id: string;
  readonly title: string;
  readonly inputBytes: number;
  readonly inputFiles: number;
  readonly entries: readonly Entry[];
  /** Items per run when throughput is not bytes (no-op tasks); the report shows items/s instead of MB/s. */
  readonly items?: number;
  readonly setup?: () => Promise<void>;
  readonly teardown?: () => Promise<void>;
  readonly limit?: () => Promise<Limit | undefined>;
}

export interface Sample {
  readonly wallMs: number;
  /** Peak resident set size of the child (and its waited-for children), KiB; undefined when not measurable. */
  readonly rssKiB: number | undefined;
  /** User + system CPU of the child and its waited-for children, ms (GNU time); undefined when not measurable. */
  readonly cpuMs?: number | undefined;
}

export interface EntryResult {
  readonly tool: string;
  readonly pario: boolean;
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly reason?: string;
  readonly samples: readonly Sample[];
  readonly outputBytes?: number;
  readonly note?: string;
  readonly inputBytes?: number;
  readonly pair?: string;
  readonly family?: string;
  readonly workers?: number;
  readonly codecCpuMs?: number;
}

export interface CaseResult {
  readonly group: string;
  readonly id: string;
  readonly title: string;
  readonly inputBytes: number;
  readonly inputFiles: number;
  readonly items?: number;
  readonly entries: readonly EntryResult[];
  readonly limit?: Limit;
}
