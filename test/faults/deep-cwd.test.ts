// A current folder whose path is over 4096 bytes (getcwd fails with ERANGE; Node cannot start a worker there):
// sha256sum and gzip work there with relative paths, and so must pario, with the same lines and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { has } from '../helpers/oracle.js';
import { BIN } from '../helpers/paths.js';

// Node's rmSync cannot remove a tree this deep (ENAMETOOLONG); rm -rf can.
const root = mkdtempSync(join(tmpdir(), 'pario-deep-'));
afterAll(() => void spawnSync('rm', ['-rf', root]));
const STEP = 'd'.repeat(200);

/** Runs `script` in bash (dash cannot cd that deep) 22 levels of 200-byte names below root (a 4.4 KB path). */
function deep(script: string): { status: number | null; stdout: string; stderr: string } {
  const prelude = `for i in $(seq 22); do mkdir -p ${STEP} && cd ${STEP} || exit 99; done;
    pario() { "${process.execPath}" "${BIN}" "$@"; };`;
  const run = spawnSync('bash', ['-c', `${prelude} ${script}`], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('a current folder too deep to name', () => {
  it('is really one (process.cwd() fails there), and pario hash, check, compress, decompress and read work there', () => {
    has('gzip');
    has('zstd');
    expect(deep(`"${process.execPath}" -e 'process.cwd()' 2>/dev/null && echo named || echo unnamed`).stdout).toBe('unnamed\n');
    const run = deep(`
      printf 'alpha\\n' > a.txt && mkdir -p sub && printf 'beta\\n' > sub/b.txt
      sha256sum a.txt sub/b.txt > expected
      pario hash a.txt sub/b.txt > got && cmp got expected && echo hash-ok
      pario check expected && echo check-ok
      pario compress -q --gzip --zstd -k a.txt sub && gzip -t a.txt.gz sub/b.txt.gz && zstd -qt a.txt.zst && echo compress-ok
      rm a.txt && pario decompress -q a.txt.gz && sha256sum -c --quiet expected && echo decompress-ok
      pario hash --manifest m.json --report r.json -q a.txt >/dev/null && grep -q '"status": "ok"' r.json && echo cron-ok
      pario read -q . && echo read-ok`);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('hash-ok\na.txt: OK\nsub/b.txt: OK\ncheck-ok\ncompress-ok\ndecompress-ok\ncron-ok\nread-ok\n');
    expect(run.status).toBe(0);
  });
});
