// --ignore-file FILE and --gitignore: .gitignore rules (matched by the `ignore` package) as a filter on the walk.
import { closeSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import { openInput } from '../../workers/open.js';
import { ParioError } from '../errors.js';
import { readRegularSync } from '../read/whole.js';

/** The `ignore` package, loaded when rules are first made: runs without ignore rules never load it. */
let ignore: typeof import('ignore') | undefined;
function matcher(text: string): Ignore {
  ignore ??= createRequire(import.meta.url)('ignore') as typeof import('ignore');
  return ignore({ ignorecase: false }).add(text);
}

/** Tests on one matcher before it is made anew: `ignore` caches every answer, and a tree may hold millions of paths. */
const RENEW_AFTER = 50_000;

/** One rules file, matched against paths relative to its `base` folder. */
class Level {
  private matcher: Ignore;
  private tests = 0;
  constructor(readonly base: string, private readonly text: string) {
    this.matcher = matcher(text);
  }

  /** true: ignored, false: re-included by a `!` rule, undefined: no rule of this file applies. */
  verdict(rel: string, dir: boolean): boolean | undefined {
    if ((this.tests += 1) > RENEW_AFTER) {
      this.matcher = matcher(this.text);
      this.tests = 0;
    }
    try {
      const result = this.matcher.test(dir ? `${rel}/` : rel);
      return result.ignored ? true : result.unignored ? false : undefined;
    } catch {
      return undefined; // a name `ignore` cannot take as a path: no rule applies to it
    }
  }
}

export interface IgnoreSettings {
  readonly cwd: string;
  /** Files of .gitignore-syntax rules, matched against paths relative to `cwd` (as ripgrep's --ignore-file). */
  readonly ignoreFiles: readonly string[];
  /** Honour the tree's .gitignore files (and those above it up to the repository's top), and leave out `.git`. */
  readonly gitignore: boolean;
  readonly onIgnored?: ((path: string, folder: boolean) => void) | undefined;
}

/**
 * What the ignore rules leave out of a walk. Precedence as git's: the --ignore-file rules first, then the .gitignore
 * files from the outermost folder in, a deeper file overriding a shallower one, and in each file the last matching
 * rule. The walk asks about each entry before it descends, so a folder left out is never read (as in git, a file
 * inside it cannot be re-included). Files named on the command line are never tested; glob results are, with their
 * folders. Known difference from git: a folder excluded by one rules file and re-included by a deeper one still
 * hides the files in it that the first file's folder rule covered.
 */
export class IgnoreRules {
  readonly counts = { files: 0, folders: 0 };

  private constructor(
    private readonly settings: IgnoreSettings,
    private readonly fileLevel: Level | undefined,
    private readonly counting = true,
    /** The .gitignore files in force in each folder met, and the repository's top for each walked folder. */
    private readonly levels = new Map<string, readonly Level[]>(),
    private readonly tops = new Map<string, string>(),
  ) {}

  /** undefined when there is nothing to ignore; a rules file that cannot be read is a usage error naming it. */
  static create(settings: IgnoreSettings): IgnoreRules | undefined {
    if (settings.ignoreFiles.length === 0 && !settings.gitignore) return undefined;
    const texts = settings.ignoreFiles.map((file) => {
      try {
        return readRegularSync(resolve(settings.cwd, file)); // a FIFO fails, it never blocks
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        const cause = e.code === 'ENOENT' ? 'No such file or directory' : e.code === 'EISDIR' ? 'Is a directory' : e.message;
        throw new ParioError('ERR_PARIO_USAGE', `${file}: cannot read the ignore file: ${cause}`);
      }
    });
    return new IgnoreRules(settings, texts.length === 0 ? undefined : new Level(settings.cwd, texts.join('\n')));
  }

  /** The same rules (and caches) for a second walk over the same tree that must not count or report anything. */
  silent(): IgnoreRules {
    return new IgnoreRules(this.settings, this.fileLevel, false, this.levels, this.tops);
  }

  /** The walk's filter for the entries under the folder `root` (absolute), given relative to it. */
  forWalk(root: string): (printed: string, rel: string, dir: boolean) => boolean {
    return (printed, rel, dir) => this.ignores(root === '/' ? `/${rel}` : `${root}/${rel}`, printed, dir, root);
  }

  /** A file a glob found (the glob walked from cwd): it and every folder between cwd and it are tested. */
  ignoresFound(abs: string, printed: string): boolean {
    const cwd = this.settings.cwd;
    const rel = within(cwd, abs);
    if (rel === undefined) return this.ignores(abs, printed, false, dirname(abs));
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i += 1) {
      // The file goes with its folder, and counts as one ignored file (the glob listed files only).
      if (this.decide(`${cwd === '/' ? '' : cwd}/${parts.slice(0, i).join('/')}`, true, cwd)) return this.report(printed, false);
    }
    return this.ignores(abs, printed, false, cwd);
  }

  private ignores(abs: string, printed: string, dir: boolean, root: string): boolean {
    return this.decide(abs, dir, root) ? this.report(printed, dir) : false;
  }

  private decide(abs: string, dir: boolean, root: string): boolean {
    if (this.settings.gitignore && abs.endsWith('/.git')) return true; // git never lists its own folder
    let verdict: boolean | undefined;
    if (this.fileLevel !== undefined) {
      const rel = within(this.settings.cwd, abs) ?? within(root, abs);
      if (rel !== undefined) verdict = this.fileLevel.verdict(rel, dir);
    }
    if (this.settings.gitignore) {
      for (const level of this.chain(dirname(abs), root)) {
        const rel = within(level.base, abs);
        if (rel !== undefined) verdict = level.verdict(rel, dir) ?? verdict;
      }
    }
    return verdict === true;
  }

  /** The .gitignore files that apply in `folder`: from the repository's top (or the walked folder) down to it. */
  private chain(folder: string, root: string): readonly Level[] {
    const cached = this.levels.get(folder);
    if (cached !== undefined) return cached;
    const top = this.top(root);
    const outer = folder === top || within(top, folder) === undefined ? [] : this.chain(dirname(folder), root);
    const own = readRules(folder);
    const levels = own === undefined ? outer : [...outer, own];
    this.levels.set(folder, levels);
    return levels;
  }

  /** The nearest folder at or above `root` that holds `.git` (the repository's top), or `root` outside a repository. */
  private top(root: string): string {
    let top = this.tops.get(root);
    if (top !== undefined) return top;
    top = root;
    for (let folder = root; ; folder = dirname(folder)) {
      if (exists(`${folder === '/' ? '' : folder}/.git`)) {
        top = folder;
        break;
      }
      if (dirname(folder) === folder) break;
    }
    this.tops.set(root, top);
    return top;
  }

  private report(printed: string, dir: boolean): true {
    if (this.counting) {
      this.counts[dir ? 'folders' : 'files'] += 1;
      this.settings.onIgnored?.(printed, dir);
    }
    return true;
  }
}

function readRules(folder: string): Level | undefined {
  try {
    return new Level(folder, readTreeFile(`${folder === '/' ? '' : folder}/.gitignore`)); // a FIFO or a link there: none
  } catch {
    return undefined; // none, or unreadable: git goes on without it too
  }
}

/**
 * A .gitignore of the tree, opened as pario opens inputs (workers/open.ts): a link there is not followed and a FIFO is
 * refused, never read (a reader would wait for a writer forever: someone who can write the tree could hang the run).
 */
function readTreeFile(path: string): string {
  const file = openInput({ dir: null, name: path, follow: false });
  try {
    return readFileSync(file.fd, 'utf8');
  } finally {
    closeSync(file.fd);
  }
}

function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

type Filter = (path: string, relative: string, dir: boolean) => boolean;

/** The walk's `excluded` callback: --exclude globs first, then the ignore rules (which count what they leave out). */
export function walkFilter(
  exclude: ((path: string, relative: string) => boolean) | undefined,
  rules: IgnoreRules | undefined,
  root: string,
): Filter | undefined {
  if (rules === undefined) return exclude;
  const ignored = rules.forWalk(root);
  return exclude === undefined ? ignored : (path, rel, dir) => exclude(path, rel) || ignored(path, rel, dir);
}

/** `abs` relative to `base` when it is under it ('' never: an entry is never its own base), else undefined. */
function within(base: string, abs: string): string | undefined {
  if (base === '/') return abs.length > 1 ? abs.slice(1) : undefined;
  if (abs.length > base.length + 1 && abs.startsWith(base) && abs.charCodeAt(base.length) === 47) return abs.slice(base.length + 1);
  return undefined;
}
