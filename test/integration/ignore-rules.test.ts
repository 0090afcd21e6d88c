import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressFiles, hashFiles, readFiles } from '../../src/index.js';
import { resolveBase } from '../../src/options.js';
import { findFiles } from '../../src/planner/find.js';
import { gitListing, makeIgnoreTree } from '../helpers/ignore-tree.js';
import { has } from '../helpers/oracle.js';
import { collect, tempDir } from '../helpers/temp.js';

async function found(patterns: string[], options: Record<string, unknown>): Promise<string[]> {
  const o = resolveBase({ dot: true, ...options });
  return (await collect(findFiles(patterns, o))).map((f) => f.path).sort();
}

describe('--gitignore and --ignore-file rules on the walk', () => {
  const { root, files } = makeIgnoreTree();

  it.skipIf(!has('git'))('--gitignore takes exactly the files git lists, nested .gitignore files included', async () => {
    const mine = await found(['.'], { cwd: root, gitignore: true });
    expect(mine).toEqual(gitListing(root));
    // The rules at work, not an empty filter: these are out, and so is .git.
    expect(mine).not.toContain('a.log');
    expect(mine).toEqual(expect.arrayContaining(['keep.log', 'src/important.log', 'sub/build', 'nested/deeper/only-here.txt', 'src/keep.bak']));
    expect(mine.some((p) => p.startsWith('.git/'))).toBe(false);
  });

  it.skipIf(!has('git'))('a folder inside the repository gets the .gitignore files above it, up to the top', async () => {
    expect(await found(['src'], { cwd: root, gitignore: true })).toEqual(gitListing(root, 'src'));
    expect(await found(['nested/deeper'], { cwd: root, gitignore: true })).toEqual(gitListing(root, 'nested/deeper'));
  });

  it.skipIf(!has('git'))('globs are filtered too, files inside an ignored folder included', async () => {
    const mine = await found(['**/*.js', '**/*.gen', 'nested/**'], { cwd: root, gitignore: true });
    expect(mine).toEqual(gitListing(root).filter((p) => /\.(js|gen)$/.test(p) || p.startsWith('nested/')));
    expect(mine).not.toContain('build/deep/y.js');
  });

  it('files named on the command line are always taken', async () => {
    expect(await found(['a.log', 'build/x.js'], { cwd: root, gitignore: true })).toEqual(['a.log', 'build/x.js']);
  });

  it('--ignore-file rules match paths relative to the current folder, several files in order, and count what they leave out', async () => {
    const rules = tempDir('pario-rules-');
    writeFileSync(join(rules, 'one'), 'docs/\n*.md\n');
    writeFileSync(join(rules, 'two'), '!readme.md\n/src/deep\n');
    const seen: [string, boolean][] = [];
    const o = resolveBase({ cwd: root, dot: true, ignoreFiles: [join(rules, 'one'), join(rules, 'two')], onIgnored: (p: string, folder: boolean) => seen.push([p, folder]) });
    const mine = (await collect(findFiles(['.'], o))).map((f) => f.path);
    expect(mine).toContain('readme.md');
    expect(mine.filter((p) => p.startsWith('docs/') || p.startsWith('src/deep/'))).toEqual([]);
    expect(seen.sort()).toEqual([['docs', true], ['src/deep', true]]);
    expect(o.ignore?.counts).toEqual({ files: 0, folders: 2 });
    // The same rules from another current folder: /src/deep is anchored there (it would be src/src/deep), so src/deep stays.
    expect(await found(['.'], { cwd: join(root, 'src'), ignoreFiles: [join(rules, 'two')] })).toContain('deep/z.ts');
  });

  it('a rules file that cannot be read is a usage error naming it', () => {
    expect(() => resolveBase({ cwd: root, ignoreFiles: ['missing.rules'] })).toThrow('missing.rules: cannot read the ignore file: No such file or directory');
    expect(() => resolveBase({ cwd: root, onIgnored: 'no' as never })).toThrow('Expected `onIgnored` to be a function');
  });

  it('the library calls take ignoreFiles and gitignore: hashFiles, readFiles, compressFiles', async () => {
    // Since issue 18 item 3 a folder's dot files are files like any: the .gitignore files, and .git (which only
    // --gitignore leaves out), are hashed and read too.
    const expected = files.filter((f) => !f.startsWith('build/') && !f.startsWith('docs/')).sort();
    const rules = join(tempDir('pario-rules-'), 'r');
    writeFileSync(rules, 'build/\ndocs/\n');
    const hashed = (await collect(hashFiles('.', { cwd: root, ignoreFiles: [rules] }))).map((r) => r.path);
    expect(hashed.filter((p) => !p.startsWith('.git/')).sort()).toEqual(expected);
    expect(hashed.some((p) => p.startsWith('.git/'))).toBe(true);
    const read = (await collect(readFiles('.', { cwd: root, ignoreFiles: [rules] }))).map((r) => r.path);
    expect(read.filter((p) => !p.startsWith('.git/')).sort()).toEqual(expected);
    let ignored = 0;
    const out = tempDir('pario-ignore-out-');
    const compressed = await collect(compressFiles('.', { cwd: root, gitignore: true, outDir: out, onIgnored: () => void (ignored += 1) }));
    expect(compressed.every((r) => !r.path.startsWith('build/') && r.path !== 'a.log')).toBe(true);
    expect(ignored).toBeGreaterThan(0);
  });
});
