// Which files of a build the plugin compresses: the bundle's chunks and assets, and the public files Vite copied.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** A file of the output folder, by its path from that folder (with `/`), and what tells a changed one (watch mode). */
export interface Candidate {
  readonly rel: string;
  readonly size: number;
  readonly fingerprint: () => Promise<string>;
}

/** What the plugin reads from a Rollup/Rolldown bundle entry. */
export type BundleEntry =
  | { readonly type: 'chunk'; readonly code: string }
  | { readonly type: 'asset'; readonly source: string | Uint8Array };

export function bundleCandidates(bundle: Readonly<Record<string, BundleEntry>>, filter: (rel: string) => boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const [fileName, entry] of Object.entries(bundle)) {
    const rel = fileName.split(sep).join('/');
    if (!filter(rel)) continue;
    const content = entry.type === 'chunk' ? entry.code : entry.source;
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
    out.push({ rel, size, fingerprint: async () => createHash('sha1').update(content).digest('base64') });
  }
  return out;
}

/** Regular files under `publicDir` (Vite copies them into every output folder before the bundle is written). */
export async function publicCandidates(publicDir: string, filter: (rel: string) => boolean): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const abs = join(folder, entry.name);
      const rel = relative(publicDir, abs).split(sep).join('/');
      // Vite's copy follows symbolic links; so does this walk.
      const info = entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() ? await stat(abs).catch(() => undefined) : undefined;
      if (info?.isDirectory() === true) await walk(abs);
      if (info?.isFile() !== true || !filter(rel)) continue;
      // Vite copies the public folder again on every rebuild: the source's size and time tell a changed file.
      out.push({ rel, size: info.size, fingerprint: async () => `${info.size}:${info.mtimeMs}` });
    }
  };
  await walk(publicDir);
  return out;
}

/**
 * Bundle files and public files, each path once (a bundle file wins: it was written after the copy), biggest first:
 * one big chunk at brotli 11 can take longer than all the others together, so it must start at once.
 */
export function mergeCandidates(...lists: readonly (readonly Candidate[])[]): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const list of lists) for (const c of list) if (!seen.has(c.rel)) seen.set(c.rel, c);
  return [...seen.values()].sort((a, b) => b.size - a.size);
}
