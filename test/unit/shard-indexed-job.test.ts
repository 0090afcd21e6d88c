import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestBuilder, planChunks } from '../../src/runs/incremental.js';
import { singles } from '../../src/pool/groups.js';
import { formatManifest } from '../../src/runs/manifest.js';
import { mergeManifests } from '../../src/runs/merge.js';
import type { StatFile } from '../../src/runs/select.js';
import { parseShardFlag } from '../../src/runs/shard-env.js';
import { tempDir } from '../helpers/temp.js';
import { rng } from '../helpers/tree.js';

const ROOT = '/srv/data';
const PATHS = 100_000;

/** A listing of 100,000 paths as the planner yields them (names with spaces, dots, non-ASCII; sizes and inodes). */
function listing(): StatFile[] {
  const random = rng(22);
  const names = ['a', 'B', 'c d', 'é', '.x', 'x.log', 'заметка', '日本'];
  return Array.from({ length: PATHS }, (_, i) => {
    const path = `${names[i % 8]}/${Math.floor(random() * 1000)}/f ${i}.${names[(i >> 3) % 8]}`;
    const mtimeNs = 1_700_000_000_000_000_000n + BigInt(i);
    const stat = { size: i % 4096, mtimeNs: String(mtimeNs), mtimeMs: Number(mtimeNs / 1_000_000n), ino: 1000 + i };
    return { path, abs: `${ROOT}/${path}`, index: i, stat };
  });
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

const digests = (file: StatFile) => ({ digests: { sha256: file.path.length.toString(16) } });

/** What one pod of the Job does with the listing: take its share (from JOB_COMPLETION_INDEX), record a manifest. */
async function pod(files: readonly StatFile[], env: NodeJS.ProcessEnv): Promise<{ taken: string[]; manifest: string }> {
  const builder = new ManifestBuilder();
  const taken: string[] = [];
  const plan = { cwd: ROOT, selection: { shard: parseShardFlag('auto/8', env) }, requireOutputs: false, now: 0 };
  for await (const group of planChunks(singles(each(files)), plan)) for (const planned of group) {
    if (planned.kind !== 'run') continue;
    taken.push(planned.file.path);
    builder.record(planned.file, digests(planned.file));
  }
  return { taken, manifest: formatManifest(builder.manifest('hash')) };
}

describe('an 8-way Kubernetes Indexed Job (--shard auto/8)', () => {
  it('over 100,000 paths misses and doubles no file, and its merged manifest equals an unsharded run\'s', async () => {
    const files = listing();
    const dir = tempDir();
    const seen = new Map<string, number>();
    const manifests: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      const { taken, manifest } = await pod(files, { JOB_COMPLETION_INDEX: String(index) });
      for (const path of taken) seen.set(path, (seen.get(path) ?? 0) + 1);
      // Roughly even: each share holds an eighth, give or take 5 %.
      expect(Math.abs(taken.length - PATHS / 8)).toBeLessThan(PATHS / 8 / 20);
      const file = join(dir, `m${index}.json`);
      writeFileSync(file, manifest);
      manifests.push(file);
    }
    expect(seen.size).toBe(PATHS);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const unsharded = new ManifestBuilder();
    for (const file of files) unsharded.record(file, digests(file));
    expect(await mergeManifests(manifests)).toBe(formatManifest(unsharded.manifest('hash')));
  });
});
