// A git work tree with nested .gitignore files, for --gitignore and --ignore-file tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './temp.js';

const FILES: Record<string, string> = {
  '.gitignore': '# comment\n*.log\n!keep.log\nbuild/\n/top-only.txt\n\\#hash.txt\ndocs/**/*.tmp\n*.bak\n!src/**/*.bak\nspace\\ name.txt\n',
  'a.log': 'a',
  'keep.log': 'k',
  'top-only.txt': 't',
  '#hash.txt': 'h',
  'space name.txt': 's',
  'readme.md': 'r',
  'old.bak': 'o',
  'build/x.js': 'x',
  'build/deep/y.js': 'y',
  'docs/c.tmp': 'c',
  'docs/a/b/c.tmp': 'c',
  'docs/a/b/c.md': 'c',
  'sub/top-only.txt': 't',
  'sub/build': 'a file named build: `build/` matches folders only',
  'src/.gitignore': '*.gen\n!important.log\n',
  'src/important.log': 'i',
  'src/other.log': 'o',
  'src/x.gen': 'g',
  'src/deep/y.gen': 'g',
  'src/deep/z.ts': 'z',
  'src/keep.bak': 'b',
  'nested/.gitignore': '/only-here.txt\ncache/\n',
  'nested/only-here.txt': 'o',
  'nested/deeper/only-here.txt': 'o',
  'nested/cache/blob': 'b',
  'nested/deeper/cache/blob': 'b',
};

/** The tree (a git repository with no commit) and its files as paths relative to it. */
export function makeIgnoreTree(): { root: string; files: string[] } {
  const root = tempDir('pario-ignore-');
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  git(root, 'init', '-q', '.');
  return { root, files: Object.keys(FILES) };
}

/** What git lists as not ignored (tracked or untracked), from the tree's .gitignore files only. */
export function gitListing(root: string, under = '.'): string[] {
  return git(root, 'ls-files', '-co', '--exclude-per-directory=.gitignore', '--', under).split('\n').filter(Boolean).sort();
}

function git(cwd: string, ...args: string[]): string {
  // No user or system configuration: no core.excludesFile, nothing but the tree decides.
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd };
  const run = spawnSync('git', ['-c', 'core.quotepath=off', ...args], { cwd, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}
