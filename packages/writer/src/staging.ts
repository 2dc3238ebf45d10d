/**
 * Staged writes: while the plan is being made, each file to write goes into a temporary file
 * beside its target, and only the temporary file's name is kept. So the writer holds the bytes
 * of one file at a time rather than of the whole output. Nothing is visible until the plan is
 * carried out, by renaming each temporary file over its target; a run that fails before then
 * removes what it staged.
 */

import { mkdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';

import type { DirectoryState } from './disk-inspection.js';
import { beneath, depthOf, parentDirectories, temporaryName } from './paths.js';

let temporarySequence = 0;

/**
 * A name for a temporary file beside `absolute`, unique in this process and marked as the writer's.
 * Cut at the last separator rather than through `dirname` and `join`: `absolute` is already
 * normalized (`beneath`), and normalizing it twice more for every file was a large part of a
 * cold run's writing (docs/performance.md, Decisions).
 */
export function temporaryBeside(absolute: string): string {
  const cut = Math.max(absolute.lastIndexOf('/'), absolute.lastIndexOf(sep)) + 1;
  return `${absolute.slice(0, cut)}${temporaryName(absolute.slice(cut), process.pid, temporarySequence++)}`;
}

export class Staging {
  private readonly temporaries = new Map<string, string>();
  private readonly created: string[] = [];

  /** `directories`: what the writer found at each parent directory; updated as this creates them. */
  constructor(
    private readonly root: string,
    private readonly directories: Map<string, DirectoryState>,
  ) {}

  /** Writes `bytes` into the temporary file that will become `path`. */
  stage(path: string, bytes: Buffer): void {
    this.makeParents(path);
    const absolute = beneath(this.root, path);
    const temporary = temporaryBeside(absolute);
    this.temporaries.set(path, temporary);
    try {
      writeFileSync(temporary, bytes, { flag: 'wx' });
    } catch (cause) {
      throw new StagingError(absolute, cause);
    }
  }

  /** The temporary file holding `path`'s new bytes. */
  temporaryOf(path: string): string {
    const temporary = this.temporaries.get(path);
    if (temporary === undefined) throw new Error(`rr writer: ${path} was planned as a write but never staged`);
    return temporary;
  }

  /** `path`'s temporary file is now the file itself. */
  committed(path: string): void {
    this.temporaries.delete(path);
  }

  get directoriesCreated(): number {
    return this.created.length;
  }

  /**
   * Removes every temporary file not yet committed, and the directories made for them when they
   * are empty again: a run that fails before committing leaves the output as it found it.
   */
  abandon(): void {
    for (const temporary of this.temporaries.values()) {
      try {
        unlinkSync(temporary);
      } catch {
        // Never created.
      }
    }
    this.temporaries.clear();
    for (const dir of [...this.created].sort((a, b) => depthOf(b) - depthOf(a))) {
      try {
        rmdirSync(join(this.root, dir));
      } catch {
        // Holds committed files now: it stays.
      }
    }
  }

  private makeParents(path: string): void {
    for (const dir of parentDirectories(path)) {
      if (this.directories.get(dir) !== 'missing') continue;
      try {
        mkdirSync(join(this.root, dir));
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw new StagingError(join(this.root, dir), cause);
      }
      this.directories.set(dir, 'directory');
      this.created.push(dir);
    }
  }
}

/** Staging failed before any file of the output changed. */
export class StagingError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot stage ${path}`, { cause });
  }
}
