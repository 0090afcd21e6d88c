// `--shard auto`: the share a batch engine hands its task, read from the environment the engine sets.
import { ParioError } from '../errors.js';
import { parseShard } from './units.js';

/** A run's share: K of N (1-based), and the engine that gave it when it came from the environment. */
export interface Share {
  readonly index: number;
  readonly count: number;
  /** 'aws-batch', 'slurm', 'gitlab', 'cloud-run', 'google-batch' or 'kubernetes'; absent for an explicit K/N. */
  readonly engine?: string;
  /** The variables the share was read from, as the engine set them (for the report and the log). */
  readonly variables?: Readonly<Record<string, string>>;
}

interface Engine {
  readonly name: string;
  /** The variable whose presence says the run is a task of this engine. */
  readonly index: string;
  /** The engine's count variable; Kubernetes has none (the count comes from `--shard auto/N`). */
  readonly count?: string;
  /** What the index variable's value is counted from (GitLab's CI_NODE_INDEX starts at 1). */
  readonly base: 0 | 1;
}

/** First match wins, in this order. */
export const ENGINES: readonly Engine[] = [
  { name: 'aws-batch', index: 'AWS_BATCH_JOB_ARRAY_INDEX', count: 'AWS_BATCH_JOB_ARRAY_SIZE', base: 0 },
  { name: 'slurm', index: 'SLURM_ARRAY_TASK_ID', count: 'SLURM_ARRAY_TASK_COUNT', base: 0 },
  { name: 'gitlab', index: 'CI_NODE_INDEX', count: 'CI_NODE_TOTAL', base: 1 },
  { name: 'cloud-run', index: 'CLOUD_RUN_TASK_INDEX', count: 'CLOUD_RUN_TASK_COUNT', base: 0 },
  { name: 'google-batch', index: 'BATCH_TASK_INDEX', count: 'BATCH_TASK_COUNT', base: 0 },
  { name: 'kubernetes', index: 'JOB_COMPLETION_INDEX', base: 0 },
];

/** A `--shard auto` that cannot be resolved: a usage error (exit 2) whose message names the variables looked for. */
export class ShardEnvError extends ParioError {
  constructor(message: string) {
    super('ERR_PARIO_USAGE', `--shard ${message}`);
  }
}

/** `--shard K/N`, `--shard auto` or `--shard auto/N` → the run's share. */
export function parseShardFlag(text: string, env: NodeJS.ProcessEnv): Share {
  const auto = /^auto(?:\/(.*))?$/.exec(text.trim());
  if (auto === null) return parseShard(text);
  const given = auto[1];
  if (given !== undefined && !/^[1-9]\d*$/.test(given)) throw new ShardEnvError(`${text}: N in auto/N must be an integer from 1 up`);
  return shareFromEnv(env, given === undefined ? undefined : Number(given), text);
}

function shareFromEnv(env: NodeJS.ProcessEnv, given: number | undefined, flag: string): Share {
  const engine = ENGINES.find((e) => (env[e.index] ?? '') !== '');
  if (engine === undefined) {
    const names = ENGINES.map((e) => e.index).join(', ');
    throw new ShardEnvError(`${flag}: no task index in the environment (looked for ${names}); give the share as K/N`);
  }
  const variables: Record<string, string> = {};
  const read = (name: string): number => {
    const value = env[name] ?? '';
    variables[name] = value;
    if (!/^\d+$/.test(value)) throw new ShardEnvError(`${flag}: ${name}=${JSON.stringify(value)} is not a whole number`);
    return Number(value);
  };
  let position = read(engine.index) - engine.base; // 0-based from here on
  if (engine.name === 'slurm') {
    // Slurm numbers tasks as --array says (1-8, 0-30:10, …): the share is the task's place in that range.
    const min = env['SLURM_ARRAY_TASK_MIN'] === undefined ? 0 : read('SLURM_ARRAY_TASK_MIN');
    const step = env['SLURM_ARRAY_TASK_STEP'] === undefined ? 1 : read('SLURM_ARRAY_TASK_STEP');
    if (step < 1 || position < min || (position - min) % step !== 0) {
      const range = `SLURM_ARRAY_TASK_MIN=${min}, SLURM_ARRAY_TASK_STEP=${step}`;
      throw new ShardEnvError(`${flag}: SLURM_ARRAY_TASK_ID=${position} is not MIN + a multiple of STEP (${range})`);
    }
    position = (position - min) / step;
  }
  const fromEngine = engine.count === undefined || env[engine.count] === undefined ? undefined : read(engine.count);
  if (fromEngine !== undefined && given !== undefined && fromEngine !== given) {
    throw new ShardEnvError(`${flag}: the engine says ${engine.count}=${fromEngine}, not ${given}`);
  }
  const count = fromEngine ?? given;
  if (count === undefined) {
    const where = engine.count === undefined ? `${engine.name} sets no count` : `${engine.count} is not set`;
    throw new ShardEnvError(`${flag}: ${engine.index} is set but ${where}; give the count as --shard auto/N`);
  }
  if (count < 1 || position < 0 || position >= count) {
    const shown = Object.entries(variables).map(([k, v]) => `${k}=${v}`).join(', ');
    throw new ShardEnvError(`${flag}: task ${position + 1} of ${count} is out of range (${shown})`);
  }
  return { index: position + 1, count, engine: engine.name, variables };
}

