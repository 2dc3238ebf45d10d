import { accessSync, constants, mkdtempSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `statfs` f_type of tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

/**
 * Free space a RAM disk needs to be chosen: the pipeline suite holds every sample's output of a
 * case until the case ends (about 0.3 GB for 2,000 tables), and a container's /dev/shm is often
 * 64 MB.
 */
const RAM_DISK_MIN_FREE_BYTES = 2 * 2 ** 30;

/** Where the suites create the files they write, and what kind of file system that is. */
export interface Scratch {
  readonly dir: string;
  readonly kind: 'ram-disk' | 'disk';
}

function kindOf(dir: string): Scratch['kind'] {
  try {
    return statfsSync(dir).type === TMPFS_MAGIC ? 'ram-disk' : 'disk';
  } catch {
    return 'disk';
  }
}

function roomyRamDisk(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    const stats = statfsSync(dir);
    return stats.type === TMPFS_MAGIC && stats.bavail * stats.bsize >= RAM_DISK_MIN_FREE_BYTES;
  } catch {
    return false;
  }
}

/**
 * `RR_BENCH_SCRATCH` if set; else `/dev/shm` where it is a RAM disk with room; else the system's
 * temporary directory. A RAM disk by default because this machine's disk, an ext4 without a
 * journal, makes creating a file cost what was deleted near it in the last minute
 * (benchmarks/README.md): a run's write time there says more about the runs before it than
 * about the tool.
 */
function chooseScratch(): Scratch {
  const asked = process.env.RR_BENCH_SCRATCH;
  if (asked) return { dir: asked, kind: kindOf(asked) };
  const shm = '/dev/shm';
  if (process.platform === 'linux' && roomyRamDisk(shm)) return { dir: shm, kind: 'ram-disk' };
  const dir = tmpdir();
  return { dir, kind: kindOf(dir) };
}

export const SCRATCH: Scratch = chooseScratch();

/** A new empty directory under the scratch root. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(SCRATCH.dir, `rr-bench-${prefix}-`));
}

/** A new empty directory on the system's temporary directory, whatever the scratch root: for a case that measures the disk itself. */
export function diskDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rr-bench-${prefix}-`));
}
