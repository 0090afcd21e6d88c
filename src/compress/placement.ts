// Where outputs go: beside the input by default, or mirrored under --out-dir relative to the glob base.
import picomatch from 'picomatch';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export class PlacementError extends Error {
  readonly code = 'ERR_PARIO_OUTSIDE_BASE';
}

/** The static leading folder of one pattern: 'dist/**\/*.js' → 'dist'; a plain path → that path (a folder) . */
export function patternBase(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (part !== '' && picomatch.scan(part).isGlob) break;
    fixed.push(part);
  }
  if (fixed.length === parts.length) return pattern === '' ? '.' : pattern;
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

/** The deepest folder containing every pattern's base, absolute. Plain file patterns count by their folder. */
export function commonBase(bases: readonly string[], cwd: string): string {
  const absolute = bases.map((base) => resolve(cwd, base));
  if (absolute.length === 0) return resolve(cwd);
  let common = absolute[0]!.split(sep);
  for (const path of absolute.slice(1)) {
    const parts = path.split(sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i += 1;
    common = common.slice(0, i);
  }
  return common.join(sep) || sep;
}

/**
 * The final path of an output. Without outDir: `abs + ext` beside the input. With outDir: the input's path relative
 * to `base`, under outDir, + ext. An input outside the base (a `..` escape) is refused.
 */
export function placeOutput(abs: string, ext: string, base: string, outDir: string | undefined): string {
  if (outDir === undefined) return abs + ext;
  let rel = relative(base, abs);
  if (rel === '') rel = abs.split(sep).pop() ?? rel;
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new PlacementError(`${abs} is outside the base folder ${base}: refusing to write outside ${outDir}`);
  }
  const out = resolve(outDir);
  const final = join(out, rel) + ext;
  if (!final.startsWith(out + sep)) throw new PlacementError(`${final} would escape ${out}`);
  return final;
}
