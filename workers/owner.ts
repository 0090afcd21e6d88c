// Modes and owners as gzip handles them: refuse inputs whose special bits say "do not touch" (unless -f), give an
// output the input's owner and group when running as root, and never hand a setuid, setgid or sticky bit to a file
// whose owner or group differs from the input's (root decompressing a user's 4755 `evil.gz` must not make a
// root-owned setuid program).
import { fchmodSync, fchownSync, fstatSync } from 'node:fs';
import { CodedError } from './open.js';
import type { SourceMeta } from './open.js';
import { HARD_LINKED, SPECIAL_MODE } from './file-protocol.js';

const UMASK = process.umask();
const EUID = process.geteuid?.() ?? -1;
const EGID = process.getegid?.() ?? -1;
const SPECIAL = 0o7000;

/**
 * Throws, with gzip's wording, for an input gzip would refuse: setuid, setgid or sticky bit, and (with --rm) a
 * file with other hard links. `force` (-f) takes them all.
 */
export function refuseInput(file: SourceMeta, rules: { readonly force: boolean; readonly remove: boolean }): void {
  if (rules.force) return;
  if ((file.mode & 0o4000) !== 0) throw new CodedError(SPECIAL_MODE, 'is set-user-ID on execution - ignored (-f takes it)');
  if ((file.mode & 0o2000) !== 0) throw new CodedError(SPECIAL_MODE, 'is set-group-ID on execution - ignored (-f takes it)');
  if ((file.mode & 0o1000) !== 0) throw new CodedError(SPECIAL_MODE, 'has the sticky bit set - file ignored (-f takes it)');
  if (rules.remove && file.nlink > 1) {
    const others = file.nlink - 1;
    throw new CodedError(HARD_LINKED, `has ${others} other link${others === 1 ? '' : 's'} -- file ignored with --rm (-f takes it)`);
  }
}

/** The mode a new output file is created with: the permission bits only (special bits come at the end, if at all). */
export function createMode(source: SourceMeta): number {
  return source.mode & 0o777;
}

/**
 * Gives an open output the input's owner and mode, owner first (as gzip: a chown clears special bits). As root the
 * owner and group are the input's; otherwise the group is tried (a member may give a file its group) and the owner
 * stays the user running pario. Special bits are kept only when owner and group both match the input's.
 */
export function copyOwnerAndMode(fd: number, source: SourceMeta): void {
  let same = EUID === source.uid && EGID === source.gid;
  if (EUID === 0) {
    try {
      fchownSync(fd, source.uid, source.gid); // always: a setgid folder may have given the file another group
      same = true;
    } catch {
      same = false; // a file system without owners (vfat) or root squashed (NFS): as gzip, go on, but no special bits
    }
  } else if (EGID !== source.gid) {
    try {
      fchownSync(fd, -1, source.gid);
    } catch { /* not a member of the input's group: the output keeps the user's group, as gzip's */ }
  }
  let mode = source.mode & 0o7777;
  if ((mode & SPECIAL) !== 0 && EUID !== 0) {
    const st = fstatSync(fd); // rare (only with -f): the exact owner and group decide
    same = st.uid === source.uid && st.gid === source.gid;
  }
  if (!same) mode &= 0o777;
  // Created with createMode(): a chmod is needed only for what the umask took away or the special bits.
  if ((mode & UMASK) !== 0 || mode > 0o777) fchmodSync(fd, mode);
}
