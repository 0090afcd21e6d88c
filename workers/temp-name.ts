// Temp file names, made and read in one place: `.NAME.pario-PID-START-OWNER-RAND.tmp` beside the final name.
//   PID    the process that writes it (as its own PID namespace numbers it)
//   START  that process's start time (clock ticks since boot, /proc/PID/stat field 22, base 36; 0 where unknown),
//          so a PID reused by another process later does not pass for the writer
//   OWNER  10 hex digits of a hash of the host name, /etc/machine-id and the PID namespace (/proc/self/ns/pid): which
//          machine and container made it; a PID means nothing in another namespace
// A sweep removes a temp only when OWNER is its own and that process is provably gone (isDeadHere): a run in another
// container sharing the tree, or one whose liveness cannot be read, keeps its temps.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Any pario temp name, this format or the older `.NAME.pario-PID-RAND.tmp`; group 1 is the PID. */
export const TEMP_NAME = /^\..*\.pario-(\d+)-[0-9a-z-]+\.tmp$/;
const TOKEN = /^\..*\.pario-(\d+)-([0-9a-z]+)-([0-9a-f]{10})-[0-9a-f]{8}\.tmp$/;
/** Linux's NAME_MAX, in bytes: a long final name is shortened in its temp name (the sweep never needs it). */
const NAME_MAX = 255;

/** Who wrote a temp file. */
export interface TempWriter {
  readonly pid: number;
  /** Start time in clock ticks since boot, base 36; '0' where the platform does not say. */
  readonly start: string;
  readonly owner: string;
}

let self: TempWriter | undefined;

/** This process, as its temp names say it. */
export function thisWriter(): TempWriter {
  self ??= { pid: process.pid, start: startTimeOf('self') ?? '0', owner: ownerHash() };
  return self;
}

/** `.NAME.pario-TOKEN.tmp` for a final base name (shortened, at a character boundary, to fit NAME_MAX). */
export function tempName(finalBase: string): string {
  const me = thisWriter();
  const suffix = `.pario-${me.pid}-${me.start}-${me.owner}-${randomHex8()}.tmp`;
  const room = NAME_MAX - 1 - suffix.length;
  let base = finalBase;
  if (Buffer.byteLength(base) > room) {
    const chars = [...base];
    while (Buffer.byteLength(chars.join('')) > room) chars.pop();
    base = chars.join('');
  }
  return `.${base}${suffix}`;
}

/**
 * 8 random hex digits: a name another user cannot guess and plant first. Drawn from a pool of random bytes refilled
 * now and then: each randomBytes() call costs a getpid() (OpenSSL's fork check), which was one syscall per file.
 */
function randomHex8(): string {
  if (poolAt + 4 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += 4;
  return pool.toString('hex', poolAt - 4, poolAt);
}

let pool = Buffer.alloc(0);
let poolAt = 0;

/** The temp path beside `final`. */
export function tempPathFor(final: string): string {
  return join(dirname(final), tempName(basename(final)));
}

/** The writer a temp name records, or undefined for a name that is not a temp of this format. */
export function parseTempName(name: string): TempWriter | undefined {
  const match = TOKEN.exec(name);
  const pid = Number(match?.[1]);
  if (match === null || !(pid >= 1)) return undefined;
  return { pid, start: match[2] ?? '0', owner: match[3] ?? '' };
}

/**
 * True only when `writer` ran on this host in this PID namespace and is gone: no process with its PID, or one that
 * started at another time (the PID was reused). A process that exists but cannot be read (hidepid) counts as alive.
 */
export function isDeadHere(writer: TempWriter): boolean {
  const me = thisWriter();
  if (writer.owner !== me.owner || (writer.pid === me.pid && writer.start === me.start)) return false;
  try {
    process.kill(writer.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  if (writer.start === '0') return false;
  const now = startTimeOf(String(writer.pid));
  return now !== undefined && now !== writer.start;
}

/** Field 22 of /proc/PID/stat (after the parenthesised command name, which may hold spaces), base 36. */
function startTimeOf(pid: string): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return ticks !== undefined && /^\d+$/.test(ticks) ? BigInt(ticks).toString(36) : undefined;
  } catch {
    return undefined;
  }
}

function ownerHash(): string {
  const read = (f: () => string): string => {
    try {
      return f();
    } catch {
      return '';
    }
  };
  const machine = read(() => readFileSync('/etc/machine-id', 'latin1').trim());
  const namespace = read(() => readlinkSync('/proc/self/ns/pid'));
  return createHash('sha256').update(`${hostname()}\0${machine}\0${namespace}`).digest('hex').slice(0, 10);
}
