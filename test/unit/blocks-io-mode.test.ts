import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRotational, resolveIo } from '../../src/bigfile/io-mode.js';
import { tempDir } from '../helpers/temp.js';

// A fake /sys: disk 8:0 (sda, rotational), its partition 8:1 (a symlink into sda/, no queue/ of its own),
// and an NVMe disk 259:0 (not rotational). st_dev packs major/minor as glibc's makedev does.
const sys = tempDir('pario-sysfs-');
mkdirSync(join(sys, 'devices/sda/sda1'), { recursive: true });
mkdirSync(join(sys, 'devices/sda/queue'), { recursive: true });
writeFileSync(join(sys, 'devices/sda/queue/rotational'), '1\n');
mkdirSync(join(sys, 'devices/nvme0n1/queue'), { recursive: true });
writeFileSync(join(sys, 'devices/nvme0n1/queue/rotational'), '0\n');
mkdirSync(join(sys, 'dev/block'), { recursive: true });
symlinkSync(join(sys, 'devices/sda'), join(sys, 'dev/block/8:0'));
symlinkSync(join(sys, 'devices/sda/sda1'), join(sys, 'dev/block/8:1'));
symlinkSync(join(sys, 'devices/nvme0n1'), join(sys, 'dev/block/259:0'));

const makedev = (major: number, minor: number): number => ((major & 0xfff) << 8) | (minor & 0xff) | ((minor & ~0xff) << 12);

describe('--io auto', () => {
  it('finds the rotational flag of a disk and of a partition (through its parent disk)', () => {
    expect(isRotational(makedev(8, 0), sys)).toBe(true);
    expect(isRotational(makedev(8, 1), sys)).toBe(true);
    expect(isRotational(makedev(259, 0), sys)).toBe(false);
    expect(isRotational(makedev(0, 42), sys)).toBe(false); // tmpfs, overlay: no block device → parallel
  });

  it('explicit modes win; auto reads the device', () => {
    expect(resolveIo('sequential', makedev(259, 0))).toBe('sequential');
    expect(resolveIo('parallel', makedev(8, 0))).toBe('parallel');
    expect(['parallel', 'sequential']).toContain(resolveIo('auto', makedev(8, 0)));
  });
});
