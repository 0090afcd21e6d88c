import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepStale, sweepTemps } from '../../src/compress/temps.js';
import { compressFiles } from '../../src/index.js';
import { TEMP_NAME, isDeadHere, parseTempName, tempName, thisWriter } from '../../workers/temp-name.js';
import { runCli } from '../helpers/cli.js';
import { exited } from '../helpers/faults.js';
import { tempDir } from '../helpers/temp.js';

const CI = process.env['CI'] !== undefined && process.env['CI'] !== '';
const MODULE = new URL('../../workers/temp-name.js', import.meta.url).href;
/** Prints a temp name made by a process of its own (the tree's other writer), then exits or waits for stdin to close. */
const WRITER = `import { tempName } from '${MODULE}'; console.log(tempName('x.gz'));`;
const unshare = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;

describe('temp names', () => {
  it('say which process, start time and host/namespace made them, and read back', () => {
    const name = tempName('data.log.gz');
    expect(name).toMatch(/^\.data\.log\.gz\.pario-\d+-[0-9a-z]+-[0-9a-f]{10}-[0-9a-f]{8}\.tmp$/);
    expect(TEMP_NAME.test(name)).toBe(true);
    expect(parseTempName(name)).toEqual(thisWriter());
    expect(thisWriter().pid).toBe(process.pid);
    expect(thisWriter().start).not.toBe('0'); // Linux: /proc/self/stat field 22
    expect(parseTempName('.x.gz.pario-123-abcdef.tmp')).toBeUndefined(); // an older pario's name: origin unknown
    expect(parseTempName('.x.gz.pario-0-1-0123456789-01234567.tmp')).toBeUndefined();
  });

  it('fit in 255 bytes whatever the final name, cut at a character boundary', () => {
    for (const base of ['a'.repeat(252) + '.gz', 'é'.repeat(126) + '.gz', '😀'.repeat(62) + '.zst']) {
      const name = tempName(base);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
      expect(name).not.toContain('\uFFFD');
      expect(parseTempName(name)).toEqual(thisWriter());
    }
  });

  it('a writer is dead only when gone from this namespace, or when its PID now belongs to a later process', async () => {
    const me = thisWriter();
    expect(isDeadHere(me)).toBe(false);
    const args = ['--input-type=module', '-e', `${WRITER} process.stdin.resume();`];
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
    const live = parseTempName(line);
    expect(live).toMatchObject({ pid: child.pid, owner: me.owner });
    if (live === undefined) return;
    expect(isDeadHere(live)).toBe(false);
    expect(isDeadHere({ ...live, start: `${live.start}0` })).toBe(true); // same PID, another start: reused
    expect(isDeadHere({ ...live, owner: '0123456789' })).toBe(false); // another host or namespace: never provable
    child.stdin.end();
    await exited(child);
    expect(isDeadHere(live)).toBe(true);
  });
});

describe('the stale-temp sweep', () => {
  it('removes the temps of dead runs of this namespace only, and sweepTemps those of one run', async () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['--input-type=module', '-e', WRITER], { encoding: 'utf8' }).stdout.trim();
    const mine = tempName('mine.gz');
    const foreign = dead.replace(/-[0-9a-f]{10}-/, '-0123456789-');
    const legacy = '.old.gz.pario-999999-abcdef.tmp';
    for (const name of [dead, mine, foreign, legacy, 'plain.txt']) writeFileSync(join(dir, name), 'partial');
    expect(await sweepStale(dir)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([foreign, legacy, mine, 'plain.txt'].sort());
    expect(await sweepTemps([dir])).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([foreign, legacy, 'plain.txt'].sort());
  });

  it('a run removes dead runs\' temps that its walk meets (through the folder handle) and those in -o folders', async () => {
    const root = tempDir();
    const dead = spawnSync(process.execPath, ['--input-type=module', '-e', WRITER], { encoding: 'utf8' }).stdout.trim();
    const mine = tempName('live.gz');
    mkdirSync(join(root, 'in', 'sub'), { recursive: true });
    mkdirSync(join(root, 'out', 'sub'), { recursive: true });
    writeFileSync(join(root, 'in', 'sub', 'a.txt'), 'a'.repeat(1000));
    for (const name of [dead, mine, 'plain.txt']) writeFileSync(join(root, 'in', 'sub', name), 'partial');
    for (const name of [dead, mine]) writeFileSync(join(root, 'out', 'sub', name), 'partial');
    const results: [string, string][] = [];
    for await (const r of compressFiles(['in'], { cwd: root, algorithms: ['gzip'] })) results.push([r.path, r.status]);
    expect(results.sort()).toEqual([['in/sub/a.txt', 'ok'], ['in/sub/plain.txt', 'ok']]);
    expect(readdirSync(join(root, 'in', 'sub')).sort()).toEqual([mine, 'a.txt', 'a.txt.gz', 'plain.txt', 'plain.txt.gz'].sort());
    for await (const r of compressFiles(['in'], { cwd: root, outDir: 'out', algorithms: ['gzip'] })) expect(r.status).not.toBe('failed');
    expect(readdirSync(join(root, 'out', 'sub')).sort()).toEqual([mine, 'a.txt.gz', 'plain.txt.gz'].sort());
  });

  it.skipIf(!unshare && !CI)('never removes a temp written from another PID namespace (a container sharing the tree)', async () => {
    expect(unshare, 'unshare --pid --fork --mount-proc fails under CI').toBe(true);
    const dir = tempDir();
    // A process in a namespace of its own: PID 1 there. Its temp outlives it; no run here can prove it dead.
    const args = ['--pid', '--fork', '--mount-proc', process.execPath, '--input-type=module', '-e', WRITER];
    const run = spawnSync('unshare', args, { encoding: 'utf8' });
    const name = run.stdout.trim();
    const writer = parseTempName(name);
    expect(writer?.pid, run.stderr).toBe(1);
    expect(writer?.owner).not.toBe(thisWriter().owner);
    writeFileSync(join(dir, name), 'partial');
    expect(await sweepStale(dir)).toBe(0);
    expect(await sweepTemps([dir], 1)).toBe(0);
    expect(readdirSync(dir)).toEqual([name]);
    // A run here compresses beside it and leaves it alone (its own dead temps would go).
    writeFileSync(join(dir, 'a.txt'), 'a'.repeat(1000));
    const cli = await runCli(['compress', '--gzip', '-q', 'a.txt'], { cwd: dir });
    expect(cli.code, cli.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([name, 'a.txt', 'a.txt.gz'].sort());
  });
});
