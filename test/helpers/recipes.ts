// The README's "Running on many machines" recipes, as the commands each engine would run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export interface Recipe {
  readonly title: string;
  /** The shell command one task runs, for task k of 8 (k = 1 … 8), with the variables its engine sets. */
  readonly task: (k: number) => { readonly command: string; readonly env: Record<string, string> };
  /** Where the task runs (`workingDir`, or the folder a CI job starts in), as the README names it. */
  readonly cwd: string;
  /** The merge step, run once every task is done. */
  readonly merge: string;
}

/** Every variable any engine sets: none may leak into a test from the environment it runs in. */
export const ENGINE_VARIABLES = [
  'AWS_BATCH_JOB_ARRAY_INDEX', 'AWS_BATCH_JOB_ARRAY_SIZE', 'SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_MIN',
  'SLURM_ARRAY_TASK_MAX', 'SLURM_ARRAY_TASK_STEP', 'CI_NODE_INDEX', 'CI_NODE_TOTAL', 'CLOUD_RUN_TASK_INDEX', 'CLOUD_RUN_TASK_COUNT',
  'BATCH_TASK_INDEX', 'BATCH_TASK_COUNT', 'JOB_COMPLETION_INDEX',
];

function section(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Running on many machines\n');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0) throw new Error('README: no "Running on many machines" section');
  const parts = new Map<string, string>();
  for (const part of readme.slice(start, end).split('\n### ').slice(1)) parts.set(part.slice(0, part.indexOf('\n')), part);
  return parts;
}

function find(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text);
  if (match?.[1] === undefined) throw new Error(`README recipe: no ${what}`);
  return match[1];
}

/** The recipes, read from the README so that what it shows is what the tests run. */
export function readRecipes(): Recipe[] {
  const parts = section();
  const part = (title: string): string => {
    const text = parts.get(title);
    if (text === undefined) throw new Error(`README: no recipe "${title}"`);
    return text;
  };
  const k8s = part('Kubernetes Indexed Job');
  const aws = part('AWS Batch array job');
  const slurm = part('Slurm job array');
  const gitlab = part('GitLab CI `parallel:`');
  const parallel = part('GNU parallel over ssh');
  const k8sCommand = (JSON.parse(find(k8s, /^\s*command: (\[.*\])$/m, 'Kubernetes command')) as string[])[2] ?? '';
  const awsCommand = (JSON.parse(find(aws, /--container-overrides '(\{.*\})'/, 'AWS Batch command')) as { command: string[] }).command[2] ?? '';
  const slurmTask = find(slurm, /^(cd \/shared\/data && pario .*)$/m, 'Slurm task line');
  const parallelTask = find(parallel, /--jobs 2 '([^']*)'/, 'GNU parallel command');
  return [
    { title: 'kubernetes', cwd: find(k8s, /workingDir: (\S+)/, 'workingDir'), task: (k) => ({ command: k8sCommand, env: { JOB_COMPLETION_INDEX: String(k - 1) } }), merge: find(k8s, /^(cd \/out && .*)$/m, 'Kubernetes merge') },
    { title: 'aws-batch', cwd: '/', task: (k) => ({ command: awsCommand, env: { AWS_BATCH_JOB_ARRAY_INDEX: String(k - 1), AWS_BATCH_JOB_ARRAY_SIZE: '8' } }), merge: find(aws, /^(cd \/mnt\/efs\/out && .*)$/m, 'AWS Batch merge') },
    {
      title: 'slurm',
      cwd: '/',
      // --array=1-8: IDs 1 … 8, MIN 1, MAX 8, STEP 1; --cpus-per-task=16 (2 here)
      task: (k) => ({ command: slurmTask, env: { SLURM_ARRAY_TASK_ID: String(k), SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '8', SLURM_ARRAY_TASK_STEP: '1', SLURM_ARRAY_TASK_COUNT: '8', SLURM_CPUS_PER_TASK: '2' } }),
      merge: find(slurm, /--wrap '([^']*)'/, 'Slurm merge'),
    },
    { title: 'gitlab', cwd: '.', task: (k) => ({ command: find(gitlab, /^ {4}- (mkdir .* pario hash .*)$/m, 'GitLab task'), env: { CI_NODE_INDEX: String(k), CI_NODE_TOTAL: '8' } }), merge: find(gitlab, /^ {4}- (cd out && .*)$/m, 'GitLab merge') },
    { title: 'gnu-parallel', cwd: '/', task: (k) => ({ command: parallelTask.replaceAll('{#}', String(k)), env: {} }), merge: find(parallel, /^(cd \/srv\/out && .*)$/m, 'GNU parallel merge') },
  ];
}

/** The recipe's absolute folders (/data, /out, /mnt/efs/…, /shared/…, /srv/…) moved under `root`. */
export function relocate(text: string, root: string): string {
  return text.replace(/(^|[\s'"=])\/(?:mnt\/efs\/|shared\/|srv\/)?(data|out)\b/g, `$1${root}/$2`).replace(/^\/$/, root);
}
