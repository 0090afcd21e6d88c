// `pario check` against coreutils' own checks (tests/cksum/md5sum-bsd.sh and friends), b2sum -l, xxhsum -H0 and
// --little-endian: the same stdout, stderr and exit status as the real tool, run in-process through main().
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { hasTool, runTool } from '../helpers/hash-tools.js';
import { tempDir } from '../helpers/temp.js';

interface Run { readonly status: number; readonly stdout: string; readonly stderr: string }

const dir = tempDir('pario-check-coreutils-');
beforeAll(() => process.chdir(dir)); // check names are relative to the current folder, as for md5sum -c

async function pario(args: readonly string[], input?: string): Promise<Run> {
  const text = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') => ({ write: (c: string | Uint8Array) => ((text[key] += c.toString()), true) });
  const stdin = input === undefined ? undefined : Readable.from([Buffer.from(input)]);
  const status = await main(args, { stdout: sink('stdout'), stderr: sink('stderr'), ...(stdin === undefined ? {} : { stdin }) });
  return { status, ...text };
}

/** The real tool's run, its name in messages replaced by pario's. */
function real(tool: string, args: readonly string[], input?: string): Run {
  const run = spawnSync(tool, args, { cwd: dir, encoding: 'utf8', ...(input === undefined ? {} : { input }) });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr.replace(new RegExp(`^${tool}: `, 'gm'), 'pario: ') };
}

describe.skipIf(!hasTool('md5sum'))('coreutils tests/cksum/md5sum-bsd.sh', () => {
  beforeAll(() => {
    let standard = '';
    for (const name of ['a', ' b', '*c', 'dd', ' ']) {
      writeFileSync(join(dir, name), `${name}\n`);
      standard += runTool('md5sum', ['--text', name], { cwd: dir }).toString();
    }
    writeFileSync(join(dir, 'check.md5sum'), standard);
    writeFileSync(join(dir, 'check.md5'), runTool('sed', ['s/  / /', 'check.md5sum'], { cwd: dir })); // as md5sum-bsd.sh makes it
    writeFileSync(join(dir, 'check2.md5sum'), `____not_all_hex_so_no_match_____ blah\n${standard}`);
  });

  it('md5 -r\'s single-space lines: the first line chooses the form, so names may start with a space or a star', async () => {
    for (const file of ['check.md5sum', 'check.md5']) {
      expect(await pario(['check', '--strict', file]), file).toEqual(real('md5sum', ['--strict', '-c', file]));
    }
  });

  it('a line that is not hex at all is one improperly formatted line; --warn names it with the algorithm', async () => {
    expect(await pario(['check', 'check2.md5sum'])).toEqual(real('md5sum', ['-c', 'check2.md5sum']));
    const warned = await pario(['check', '--warn', 'check2.md5sum']);
    expect(warned).toEqual(real('md5sum', ['-c', '--warn', 'check2.md5sum']));
    expect(warned.stderr).toContain('pario: check2.md5sum: 1: improperly formatted MD5 checksum line\n');
  });

  it('without its first line the file reads as the standard form, and --strict fails it', async () => {
    const rest = (runTool('sed', ['1d', 'check.md5'], { cwd: dir })).toString();
    const ours = await pario(['check', '--strict'], rest);
    expect(ours).toEqual(real('md5sum', ['--strict', '-c'], rest));
    expect(ours.status).toBe(1);
  });

  it('--tag lines with escaped names (a\\b, a\\, a newline, a tab)', async () => {
    let tagged = '';
    for (const name of ['a\\b', 'a\\', 'a\nb', 'a\tb']) {
      writeFileSync(join(dir, name), '');
      tagged += runTool('md5sum', ['--tag', name], { cwd: dir }).toString();
    }
    writeFileSync(join(dir, 'tagged.md5'), tagged);
    expect(await pario(['check', '--strict', 'tagged.md5'])).toEqual(real('md5sum', ['--strict', '-c', 'tagged.md5']));
  });
});

describe.skipIf(!hasTool('sha256sum'))('sha256sum -c: standard input, byte-order marks, devices', () => {
  beforeAll(() => {
    writeFileSync(join(dir, 'in.sha'), `${runTool('sha256sum', [], { input: Buffer.from('piped') }).toString()}`);
    writeFileSync(join(dir, 'x'), 'x');
    writeFileSync(join(dir, 'bom.sha'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), runTool('sha256sum', ['x', 'x'], { cwd: dir })]));
  });

  it('a line naming - checks standard input; twice, the second one sees it empty', async () => {
    expect(await pario(['check', 'in.sha'], 'piped')).toEqual(real('sha256sum', ['-c', 'in.sha'], 'piped'));
    expect(await pario(['check', 'in.sha', 'in.sha'], 'piped')).toEqual(real('sha256sum', ['-c', 'in.sha', 'in.sha'], 'piped'));
  });

  it('with the list itself on standard input, a line naming - is improperly formatted', async () => {
    const list = `${runTool('sha256sum', [], { input: Buffer.alloc(0) }).toString()}`;
    expect(await pario(['check'], list)).toEqual(real('sha256sum', ['-c'], list));
  });

  it('a file starting with a byte-order mark: its first line is improperly formatted', async () => {
    const ours = await pario(['check', 'bom.sha']);
    expect(ours).toEqual(real('sha256sum', ['-c', 'bom.sha']));
    expect(ours.stderr).toContain('1 line is improperly formatted');
  });

  it('a name through a link and `..` is the file the system finds there, as sha256sum opens it (not folded by hand)', async () => {
    mkdirSync(join(dir, 'far', 'in'), { recursive: true });
    writeFileSync(join(dir, 'far', 'f'), 'far\n');
    writeFileSync(join(dir, 'f'), 'near\n');
    symlinkSync(join('far', 'in'), join(dir, 'l'));
    writeFileSync(join(dir, 'dotdot.sha'), runTool('sha256sum', ['far/f'], { cwd: dir }).toString().replace('far/f', 'l/../f'));
    const ours = await pario(['check', 'dotdot.sha']);
    expect(ours).toEqual(real('sha256sum', ['-c', 'dotdot.sha']));
    expect(ours).toEqual({ status: 0, stdout: 'l/../f: OK\n', stderr: '' });
  });

  it('/dev/null named on the command line or in a check file is read like a file', async () => {
    expect(await pario(['hash', '/dev/null'])).toEqual(real('sha256sum', ['/dev/null']));
    writeFileSync(join(dir, 'null.sha'), runTool('sha256sum', ['/dev/null']));
    expect(await pario(['check', 'null.sha'])).toEqual(real('sha256sum', ['-c', 'null.sha']));
  });

  it('--ignore-missing, --status, --strict and --warn without -c are usage errors', async () => {
    for (const flag of ['--ignore-missing', '--status', '--strict', '--warn']) {
      const run = await pario(['hash', flag, 'x']);
      const stderr = `pario: the ${flag} option is meaningful only when verifying checksums (-c)\n(run pario hash --help for usage)\n`;
      expect(run, flag).toEqual({ status: 2, stdout: '', stderr });
      expect(real('sha256sum', [flag, 'x']).status, `sha256sum ${flag}`).not.toBe(0);
    }
  });
});

describe('digest lengths two algorithms share are never guessed into a false FAILED', () => {
  beforeAll(() => writeFileSync(join(dir, 'abc'), 'abc'));

  it.skipIf(!hasTool('b2sum'))('b2sum -l 128 lines: untagged (MD5\'s length) and tagged, and --length', async () => {
    writeFileSync(join(dir, 'b2.sum'), runTool('b2sum', ['-l', '128', 'abc'], { cwd: dir }));
    writeFileSync(join(dir, 'b2tag.sum'), runTool('b2sum', ['-l', '128', '--tag', 'abc'], { cwd: dir }));
    const runs = [['b2.sum'], ['-a', 'blake2b', 'b2.sum'], ['--length', '128', 'b2.sum'], ['b2tag.sum'], ['-l', '128', 'b2tag.sum']];
    for (const args of runs) {
      expect(await pario(['check', ...args]), args.join(' ')).toEqual({ status: 0, stdout: 'abc: OK\n', stderr: '' });
    }
    expect((await pario(['check', '--length', '256', 'b2tag.sum'])).stderr).toContain('no properly formatted checksum lines found');
    const b2sum = runTool('b2sum', ['-l', '128', 'abc'], { cwd: dir }).toString();
    expect((await pario(['hash', '-a', 'blake2b', '-l', '128', 'abc'])).stdout).toBe(b2sum);
  });

  it.skipIf(!hasTool('xxhsum'))('xxhsum -H0 lines (8 hex, CRC32\'s length) and --little-endian tags', async () => {
    writeFileSync(join(dir, 'x32.sum'), runTool('xxhsum', ['-H0', 'abc'], { cwd: dir }));
    writeFileSync(join(dir, 'xle.sum'), runTool('xxhsum', ['--tag', '--little-endian', '-H1', 'abc'], { cwd: dir }));
    for (const args of [['x32.sum'], ['-a', 'xxh32', 'x32.sum'], ['xle.sum'], ['-a', 'xxh64', 'xle.sum']]) {
      expect(await pario(['check', ...args]), args.join(' ')).toEqual({ status: 0, stdout: 'abc: OK\n', stderr: '' });
    }
    expect((await pario(['hash', '-a', 'xxh32', 'abc'])).stdout).toBe(runTool('xxhsum', ['-H0', 'abc'], { cwd: dir }).toString());
  });
});
