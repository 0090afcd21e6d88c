import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool, runTool } from '../helpers/hash-tools.js';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { byteOrder, makeTrickyTree, TRICKY_NAMES } from '../helpers/tricky-tree.js';

function pario(args: readonly string[], cwd: string): { stdout: string; stderr: string; status: number } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? -1 };
}

function tool(name: string, args: readonly string[], cwd: string): { stdout: string; stderr: string; status: number } {
  const result = spawnSync(name, args, { cwd, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr.replaceAll(`${name}: `, 'pario: '), status: result.status ?? -1 };
}

const dir = makeTrickyTree('pario-hash-cli-');
const names = byteOrder(TRICKY_NAMES);
const given = [...TRICKY_NAMES].reverse(); // pario sorts; the tools get the sorted list

describe('pario hash output is byte-identical to the coreutils tools over the same sorted list', () => {
  for (const [algo, name] of [['sha256', 'sha256sum'], ['md5', 'md5sum'], ['sha1', 'sha1sum'], ['sha512', 'sha512sum'], ['blake2b', 'b2sum']] as const) {
    it.skipIf(!hasTool(name))(`${algo} = ${name}, default and --tag, -j 1 and -j 2`, () => {
      const expected = runTool(name, ['--', ...names], { cwd: dir }).toString();
      if (algo === 'sha256') expect(pario(['hash', '-j', '1', '--', ...given], dir).stdout).toBe(expected);
      expect(pario(['hash', '-j', '2', '-a', algo, '--', ...given], dir).stdout).toBe(expected);
      expect(pario(['hash', '--tag', '-a', algo, '--', ...given], dir).stdout).toBe(runTool(name, ['--tag', '--', ...names], { cwd: dir }).toString());
    });
  }
});

describe('the tools accept pario files, and pario accepts theirs', () => {
  it.skipIf(!hasTool('sha256sum'))('sha256sum -c accepts pario hash (escaped names included)', () => {
    writeFileSync(join(dir, '..', 'pario-SUMS'), pario(['hash', '--', ...given], dir).stdout);
    expect(tool('sha256sum', ['-c', '../pario-SUMS'], dir)).toMatchObject({ status: 0, stderr: '' });
  });

  it.skipIf(!hasTool('b3sum'))('b3sum --check accepts pario blake3 lines (CR names and -b too); pario check accepts b3sum files', () => {
    // b3sum escapes only \\ and newline, writes a CR raw, and wants two spaces: pario's BLAKE3 lines are b3sum's bytes
    const ours = pario(['hash', '-a', 'blake3', '--', ...given], dir).stdout;
    expect(ours).toBe(runTool('b3sum', ['--', ...names], { cwd: dir }).toString());
    expect(pario(['hash', '-a', 'blake3', '-b', '--', ...given], dir).stdout).toBe(ours);
    writeFileSync(join(dir, '..', 'pario-B3'), ours);
    expect(tool('b3sum', ['--check', '../pario-B3'], dir)).toMatchObject({ status: 0, stderr: '' });
    expect(pario(['check', '../pario-B3'], dir)).toMatchObject({ status: 0, stderr: '' });
    writeFileSync(join(dir, '..', 'real-B3'), runTool('b3sum', ['--', ...given], { cwd: dir }));
    expect(pario(['check', '../real-B3'], dir)).toMatchObject({ status: 0, stderr: '' });
    expect(pario(['check', '-a', 'blake3', '--quiet', '../real-B3'], dir)).toMatchObject({ status: 0, stdout: '' });
  });

  it.skipIf(!hasTool('xxhsum'))('xxhsum -c accepts xxh64 / xxh128 lines and XXH3 tags; pario checks xxhsum files', () => {
    const simple = given.filter((n) => !/[\\\n\r]/.test(n)); // xxhsum 0.8.1 neither escapes nor unescapes
    for (const args of [['-a', 'xxh64'], ['-a', 'xxh128'], ['-a', 'xxh3', '--tag'], ['-a', 'xxh64', '--tag']]) {
      writeFileSync(join(dir, '..', 'pario-XXH'), pario(['hash', ...args, '--', ...simple], dir).stdout);
      expect(tool('xxhsum', ['-c', '../pario-XXH'], dir).status, args.join(' ')).toBe(0);
    }
    writeFileSync(join(dir, '..', 'real-XXH'), runTool('xxhsum', ['-H3', '--', ...simple], { cwd: dir }));
    expect(pario(['hash', '-c', '../real-XXH'], dir).status).toBe(0);
  });

  it.skipIf(!hasTool('sha256sum'))('pario check accepts sha256sum files, -b and --tag too', () => {
    for (const flag of ['-t', '-b', '--tag']) {
      writeFileSync(join(dir, '..', 'real-SUMS'), runTool('sha256sum', [flag, '--', ...names], { cwd: dir }));
      expect(pario(['check', '../real-SUMS'], dir).stdout).toBe(runTool('sha256sum', ['-c', '../real-SUMS'], { cwd: dir }).toString());
    }
  });
});

describe.skipIf(!hasTool('sha256sum'))('pario check: messages and exit codes of sha256sum -c', () => {
  const d = tempDir('pario-check-cli-');
  for (const name of ['ok', 'changed', 'gone', 'new\nline']) writeFileSync(join(d, name), name);
  mkdirSync(join(d, 'dir'));
  writeFileSync(join(d, 'dirfile'), 'x');
  const sums = runTool('sha256sum', ['ok', 'changed', 'gone', 'new\nline', 'dirfile'], { cwd: d }).toString().replace(/dirfile\n$/, 'dir\n');
  writeFileSync(join(d, 'SUMS'), `${sums}junk line\n`);
  writeFileSync(join(d, 'MISSING'), `${'0'.repeat(64)}  nothere\n`);
  writeFileSync(join(d, 'JUNK'), 'junk\n');
  writeFileSync(join(d, 'changed'), 'now different');
  spawnSync('rm', [join(d, 'gone')]);

  const flagSets: Readonly<Record<string, string[][]>> = {
    SUMS: [[], ['--quiet'], ['--status'], ['--strict'], ['--warn'], ['--ignore-missing'], ['--warn', '--quiet']],
    MISSING: [[], ['--ignore-missing'], ['--status', '--ignore-missing']],
    JUNK: [[], ['--strict', '--warn'], ['--status']],
  };
  for (const file of ['SUMS', 'MISSING', 'JUNK']) {
    it(`${file}: ${(flagSets[file] ?? []).map((f) => f.join(' ') || '(none)').join(', ')}`, () => {
      for (const flags of flagSets[file] ?? []) {
        const ours = pario(['check', '-a', 'sha256', ...flags, file], d);
        expect(ours, flags.join(' ')).toEqual(tool('sha256sum', ['-c', ...flags, file], d));
      }
      expect(pario(['hash', '-c', file], d)).toEqual(tool('sha256sum', ['-c', file], d));
    });
  }
});

describe('pario check --audit', () => {
  it('reports CHANGED, MISSING and ADDED and exits 1; a clean tree exits 0', () => {
    const d = tempDir('pario-audit-');
    mkdirSync(join(d, 'tree'));
    for (const name of ['a', 'b', 'c']) writeFileSync(join(d, 'tree', name), name);
    writeFileSync(join(d, 'SUMS'), pario(['hash', 'tree'], d).stdout);
    expect(pario(['check', '--audit', '--quiet', 'SUMS', 'tree'], d)).toEqual({ stdout: '', stderr: '', status: 0 });
    writeFileSync(join(d, 'tree', 'b'), 'changed');
    spawnSync('rm', [join(d, 'tree', 'c')]);
    writeFileSync(join(d, 'tree', 'new'), 'new');
    expect(pario(['check', '--audit', 'SUMS', 'tree'], d)).toEqual({
      stdout: 'tree/a: OK\ntree/b: CHANGED\ntree/c: MISSING\ntree/new: ADDED\n',
      stderr: 'pario: audit: 1 added, 1 changed, 1 missing, 0 unreadable\n',
      status: 1,
    });
  });
});

describe('names that are not valid UTF-8 (more in raw-names.test.ts)', () => {
  it('are hashed under their own bytes, never left out', () => {
    const d = tempDir('pario-hash-bytes-');
    writeFileSync(Buffer.concat([Buffer.from(`${d}/bad`), Buffer.from([0xff])]), 'x');
    writeFileSync(join(d, 'ok'), 'y');
    const result = spawnSync(process.execPath, [BIN, 'hash', '.'], { cwd: d });
    expect(result.status).toBe(0);
    const lines = result.stdout.toString('latin1').split('\n');
    expect(lines.map((l) => l.slice(66))).toEqual(['bad\xff', 'ok', '']);
  });
});

describe('files whose size does not say how long they are', () => {
  // /proc/kallsyms: fstat says 0 bytes, it holds megabytes and a read returns at most 4 KiB.
  it.skipIf(!hasTool('sha256sum') || !existsSync('/proc/kallsyms'))('a /proc file is read to its end, as sha256sum reads it', () => {
    const expected = runTool('sha256sum', ['/proc/kallsyms'], { cwd: dir }).toString();
    expect(runTool('cat', ['/proc/kallsyms']).byteLength).toBeGreaterThan(8192);
    expect(pario(['hash', '/proc/kallsyms'], dir).stdout).toBe(expected);
  });
});
