import { describe, expect, it } from 'vitest';
import { ENGINES, parseShardFlag, ShardEnvError } from '../../src/runs/shard-env.js';

const share = (flag: string, env: Record<string, string>) => {
  const { index, count, engine } = parseShardFlag(flag, env);
  return { index, count, engine };
};

describe('--shard auto', () => {
  it('reads each engine with its own convention (0-based, GitLab 1-based, Slurm from MIN by STEP)', () => {
    expect(share('auto', { AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '8' })).toEqual({ index: 1, count: 8, engine: 'aws-batch' });
    expect(share('auto', { AWS_BATCH_JOB_ARRAY_INDEX: '7', AWS_BATCH_JOB_ARRAY_SIZE: '8' })).toEqual({ index: 8, count: 8, engine: 'aws-batch' });
    expect(share('auto', { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_STEP: '1', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 3, count: 8, engine: 'slurm' });
    // --array=0-30:10 → IDs 0, 10, 20, 30: four shares
    expect(share('auto', { SLURM_ARRAY_TASK_ID: '20', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '10', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4, engine: 'slurm' });
    expect(share('auto', { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 6, count: 8, engine: 'slurm' });
    expect(share('auto', { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '3' })).toEqual({ index: 1, count: 3, engine: 'gitlab' });
    expect(share('auto', { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' })).toEqual({ index: 3, count: 3, engine: 'gitlab' });
    expect(share('auto', { CLOUD_RUN_TASK_INDEX: '2', CLOUD_RUN_TASK_COUNT: '5' })).toEqual({ index: 3, count: 5, engine: 'cloud-run' });
    expect(share('auto', { BATCH_TASK_INDEX: '0', BATCH_TASK_COUNT: '2' })).toEqual({ index: 1, count: 2, engine: 'google-batch' });
    expect(share('auto/8', { JOB_COMPLETION_INDEX: '7' })).toEqual({ index: 8, count: 8, engine: 'kubernetes' });
  });

  it('records the variables it read', () => {
    expect(parseShardFlag('auto/4', { JOB_COMPLETION_INDEX: '2', HOME: '/root' }).variables).toEqual({ JOB_COMPLETION_INDEX: '2' });
    expect(parseShardFlag('auto', { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' }).variables).toEqual({ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' });
  });

  it('takes the first engine in the documented order when several are set', () => {
    const env = { JOB_COMPLETION_INDEX: '0', CI_NODE_INDEX: '2', CI_NODE_TOTAL: '4', AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '2' };
    expect(share('auto', env).engine).toBe('aws-batch');
    expect(ENGINES.map((e) => e.index)).toEqual(['AWS_BATCH_JOB_ARRAY_INDEX', 'SLURM_ARRAY_TASK_ID', 'CI_NODE_INDEX', 'CLOUD_RUN_TASK_INDEX', 'BATCH_TASK_INDEX', 'JOB_COMPLETION_INDEX']);
  });

  it('accepts auto/N with every engine, checked against the count the engine sets', () => {
    expect(share('auto/3', { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' })).toEqual({ index: 2, count: 3, engine: 'gitlab' });
    expect(share('auto/4', { AWS_BATCH_JOB_ARRAY_INDEX: '3' })).toEqual({ index: 4, count: 4, engine: 'aws-batch' });
    expect(() => parseShardFlag('auto/4', { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' })).toThrow('--shard auto/4: the engine says CI_NODE_TOTAL=3, not 4');
  });

  it('is a usage error naming the variables when none is set or the values are out of range', () => {
    const none = (): unknown => parseShardFlag('auto', { HOME: '/root' });
    expect(none).toThrow(ShardEnvError);
    expect(none).toThrow('looked for AWS_BATCH_JOB_ARRAY_INDEX, SLURM_ARRAY_TASK_ID, CI_NODE_INDEX, CLOUD_RUN_TASK_INDEX, BATCH_TASK_INDEX, JOB_COMPLETION_INDEX');
    expect(() => parseShardFlag('auto', { JOB_COMPLETION_INDEX: '3' })).toThrow('JOB_COMPLETION_INDEX is set but kubernetes sets no count; give the count as --shard auto/N');
    expect(() => parseShardFlag('auto', { CLOUD_RUN_TASK_INDEX: '1' })).toThrow('CLOUD_RUN_TASK_COUNT is not set');
    expect(() => parseShardFlag('auto/8', { JOB_COMPLETION_INDEX: '8' })).toThrow('task 9 of 8 is out of range (JOB_COMPLETION_INDEX=8)');
    expect(() => parseShardFlag('auto', { CI_NODE_INDEX: '0', CI_NODE_TOTAL: '3' })).toThrow('task 0 of 3 is out of range (CI_NODE_INDEX=0, CI_NODE_TOTAL=3)');
    expect(() => parseShardFlag('auto', { AWS_BATCH_JOB_ARRAY_INDEX: '-1', AWS_BATCH_JOB_ARRAY_SIZE: '2' })).toThrow('AWS_BATCH_JOB_ARRAY_INDEX="-1" is not a whole number');
    expect(() => parseShardFlag('auto', { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '4' }))
      .toThrow('SLURM_ARRAY_TASK_ID=5 is not MIN + a multiple of STEP');
    expect(() => parseShardFlag('auto/0', { JOB_COMPLETION_INDEX: '0' })).toThrow('N in auto/N must be an integer from 1 up');
    expect(() => parseShardFlag('auto/8', { AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '0' })).toThrow(ShardEnvError);
  });

  it('still takes an explicit K/N', () => {
    expect(parseShardFlag('3/8', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 3, count: 8 });
  });
});
