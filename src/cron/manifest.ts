import { ParioError } from '../errors.js';
import { compareNames } from '../planner/walk.js';
import { readWhole } from '../read/whole.js';
import type { OutputId } from '../../workers/file-protocol.js';
import { writeAtomic } from './atomic.js';

/** An output pario wrote: its path (relative to the run's folder), and the inode and size its rename left there. */
export interface ManifestOutput {
  readonly path: string;
  readonly ino: number;
  readonly size: number;
}

/** What pario remembers of one input between runs. */
export interface ManifestEntry {
  readonly size: number;
  /** Nanoseconds since the epoch, as a decimal string (too big for a JSON number). */
  readonly mtimeNs: string;
  readonly ino: number;
  /** Hex digests by algorithm, over the raw bytes (never a text decoding of them). */
  readonly digests?: Readonly<Record<string, string>>;
  /**
   * Outputs pario wrote for it, relative to the run's folder, with the inode and size of the file written (a bare
   * path in manifests of older versions: such an output is never replaced without -f).
   */
  readonly outputs?: readonly (ManifestOutput | string)[];
}

export interface Manifest {
  readonly command: string;
  readonly entries: Map<string, ManifestEntry>;
}

const KIND = 'pario-manifest';
const VERSION = 1;

export class ManifestError extends ParioError {
  constructor(readonly manifestPath: string, reason: string) {
    super('ERR_PARIO_MANIFEST', `${manifestPath}: ${reason}`);
  }
}

/**
 * Reads a manifest; a missing file is an empty one (the first run); anything not pario's is an error naming the file.
 * A manifest is a regular file: a FIFO, a device or a folder is refused (it could block the run, or never be replaced).
 */
export async function loadManifest(path: string, command: string): Promise<Manifest> {
  let text: string;
  try {
    text = (await readWhole(path, { regularOnly: true })).toString('utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return { command, entries: new Map() };
    const kind = e.code === 'ERR_NOT_REGULAR_FILE' || e.code === 'EISDIR';
    const reason = kind ? `${e.message.replace(/^I/, 'i')}; a manifest must be a regular file` : e.message;
    throw new ManifestError(path, `cannot read the manifest: ${reason}`);
  }
  const parsed = parseManifest(path, text);
  if (parsed.command !== command) {
    throw new ManifestError(path, `this manifest belongs to \`pario ${parsed.command}\`, not \`pario ${command}\``);
  }
  return parsed;
}

export function parseManifest(path: string, text: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ManifestError(path, 'not a pario manifest (not valid JSON; corrupt or foreign file)');
  }
  const d = data as { kind?: unknown; version?: unknown; command?: unknown; entries?: unknown };
  if (typeof d !== 'object' || d === null || d.kind !== KIND) throw new ManifestError(path, `not a pario manifest (no "kind": "${KIND}")`);
  if (d.version !== VERSION) {
    throw new ManifestError(path, `manifest version ${String(d.version)} is not supported (this pario reads version ${VERSION})`);
  }
  if (typeof d.command !== 'string' || typeof d.entries !== 'object' || d.entries === null) {
    throw new ManifestError(path, 'corrupt manifest (no command or entries)');
  }
  const entries = new Map<string, ManifestEntry>();
  for (const [name, entry] of Object.entries(d.entries as Record<string, unknown>)) {
    const e = entry as Partial<ManifestEntry> | null;
    if (e === null || typeof e !== 'object' || typeof e.size !== 'number' || typeof e.mtimeNs !== 'string' || typeof e.ino !== 'number') {
      throw new ManifestError(path, `corrupt manifest entry for ${JSON.stringify(name)}`);
    }
    entries.set(name, e as ManifestEntry);
  }
  return { command: d.command, entries };
}

/** The manifest as text: keys sorted by path (byte order), so equal runs give equal files. */
export function formatManifest(manifest: Manifest): string {
  const names = [...manifest.entries.keys()].sort(compareBytes);
  const entries: Record<string, ManifestEntry> = {};
  for (const name of names) entries[name] = manifest.entries.get(name) as ManifestEntry;
  return `${JSON.stringify({ kind: KIND, version: VERSION, command: manifest.command, entries }, null, 1)}\n`;
}

export async function saveManifest(path: string, manifest: Manifest): Promise<void> {
  await writeAtomic(path, formatManifest(manifest));
}

/** A recorded output's path, and which file pario wrote there when the manifest says so. */
export function manifestOutput(output: ManifestOutput | string): { path: string; id?: OutputId } {
  if (typeof output === 'string') return { path: output };
  const ok = typeof output.ino === 'number' && typeof output.size === 'number';
  return ok ? { path: output.path, id: { ino: output.ino, size: output.size } } : { path: output.path };
}

/** Same size, mtime (ns) and inode: the file is taken as unchanged and not read again. */
export function isUnchanged(entry: ManifestEntry | undefined, stat: { size: number; mtimeNs: bigint; ino: number } | undefined): boolean {
  return entry !== undefined && stat !== undefined
    && entry.size === stat.size && entry.mtimeNs === String(stat.mtimeNs) && entry.ino === stat.ino;
}

/**
 * Byte order of the UTF-8 encodings, like `LC_ALL=C sort` (walk.ts's compareNames: it encodes only names that need
 * it, so sorting the 100,000 entries of a manifest takes 0.1 s instead of 1 s).
 */
export function compareBytes(a: string, b: string): number {
  return compareNames(a, b);
}
