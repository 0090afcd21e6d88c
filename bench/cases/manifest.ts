import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus } from '../corpus/spec.js';
import { digestOf } from '../naive/digest.js';
import type { HashAlgo } from '../naive/digest.js';

const references = new Map<string, Map<string, string>>();

/** Each corpus file's digest, computed in-process once per corpus and algorithm. */
export function referenceDigests(corpus: Corpus, algo: HashAlgo): Map<string, string> {
  const key = `${corpus.dir}|${algo}`;
  let map = references.get(key);
  if (map === undefined) {
    map = new Map(corpus.files.map((f) => [f.path, digestOf(algo, readFileSync(join(corpus.dir, f.path)))]));
    references.set(key, map);
  }
  return map;
}

/** Parses `HEX  path`, `HEX *path`, BSD `TAG (path) = HEX` and hashdeep `size,HEX,path` lines into path → hex. */
export function parseManifest(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('%%%%') || line.startsWith('##')) continue;
    let m = /^\\?(?:XXH3_)?([0-9a-f]{8,})  ?\*?(.+)$/.exec(line);
    if (m !== null) {
      out.set(m[2] ?? '', m[1] ?? '');
      continue;
    }
    m = /^\\?[A-Z0-9-]+ \((.+)\) = ([0-9a-f]+)$/.exec(line);
    if (m !== null) {
      out.set(m[1] ?? '', m[2] ?? '');
      continue;
    }
    m = /^\d+,([0-9a-f]+),(.+)$/.exec(line);
    if (m !== null) out.set(m[2] ?? '', m[1] ?? '');
  }
  return out;
}

function normalise(path: string, dir: string): string {
  let p = path.trim();
  if (p.startsWith(dir + '/')) p = p.slice(dir.length + 1);
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

/** Checks a manifest a tool printed: every corpus file listed once, with the reference digest. */
export function checkManifest(corpus: Corpus, algo: HashAlgo, path: string): string | undefined {
  const listed = new Map<string, string>();
  for (const [p, hex] of parseManifest(readFileSync(path, 'utf8'))) listed.set(normalise(p, corpus.dir), hex);
  const ref = referenceDigests(corpus, algo);
  if (listed.size !== ref.size) return `expected ${ref.size} lines, parsed ${listed.size}`;
  for (const [p, hex] of ref) {
    const got = listed.get(p);
    if (got === undefined) return `${p} missing from the output`;
    if (got !== hex) return `${p}: ${got} ≠ ${hex}`;
  }
  return undefined;
}
