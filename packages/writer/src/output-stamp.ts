/**
 * A cheap answer to "is the output directory still exactly as it was?", from the file system's
 * metadata alone, the way git's index answers it for a work tree: no file is read but the
 * manifest. Any write, rename, replacement or `touch` of a file moves its change time (ctime),
 * which no program can set back; a file created or removed beside them moves its directory's.
 */

import { createHash } from 'node:crypto';
import { lstatSync, statSync, type BigIntStats } from 'node:fs';
import { join, resolve } from 'node:path';

import { readSignedManifest } from './disk-read.js';
import { MANIFEST_FILE_NAME, type Manifest } from './manifest.js';
import { beneath, parentDirectories } from './paths.js';

export interface ListedStamp {
  /** A hash of the metadata of the manifest, every file it lists and every directory they are in. */
  readonly digest: string;
  /**
   * The same of the manifest and the files alone: while it holds, each listed file holds what it
   * held, whatever was added beside them (a writer's own lock file among it; `knownStamp`).
   */
  readonly filesDigest: string;
  /**
   * The latest modification or change time among the manifest and the files, in nanoseconds. A
   * stamp can be trusted later only if this is older than a moment taken before the stamp was:
   * a change within the same tick of the file system's clock would leave the times as they were.
   */
  readonly newestChangeNs: bigint;
  /** The device the output directory is on, so that moment can be taken on the same clock. */
  readonly device: bigint;
  /** What the manifest lists, in its order (sorted). */
  readonly files: readonly string[];
}

export interface OutputStamp extends ListedStamp {
  /** The signature of the manifest's bytes (`WriteReport.manifestSignature`), as read for this stamp. */
  readonly manifestSignature: string;
}

/** Files looked at between two turns of the event loop. */
const FILES_PER_TURN = 128;

/**
 * The stamp of the output directory as it is now, or null when there is nothing rr could vouch
 * for: no manifest, one that does not parse, an interrupted run's pending entries, or a listed
 * file that is missing or not a regular file. It lets the event loop turn every few files, so
 * a query sent before it (a catalog stamp) goes on meanwhile.
 */
export async function stampOutput(outputDir: string): Promise<OutputStamp | null> {
  const root = resolve(outputDir);
  let signed: ReturnType<typeof readSignedManifest>;
  try {
    signed = readSignedManifest(root);
  } catch {
    return null;
  }
  if (signed.signature === null) return null;
  const stamp = await stampListed(root, signed.manifest);
  return stamp === null ? null : { ...stamp, manifestSignature: signed.signature };
}

/** `stampOutput` of the directory `root` (absolute), whose manifest the caller has read as `manifest`, without the manifest's signature. */
export async function stampListed(root: string, manifest: Manifest): Promise<ListedStamp | null> {
  if (manifest.size === 0) return null;
  const filesDigest = createHash('sha256');
  let newestChangeNs = 0n;
  const directories = new Set<string>(['']);
  const line = (path: string, stats: BigIntStats) => `${path}\0${stats.mode}\0${stats.size}\0${stats.mtimeNs}\0${stats.ctimeNs}\0${stats.ino}\0${stats.dev}\n`;
  const files: string[] = [];
  try {
    for (const path of [MANIFEST_FILE_NAME, ...manifest.keys()]) {
      if (files.length % FILES_PER_TURN === FILES_PER_TURN - 1) await new Promise(setImmediate);
      const stats = lstatSync(beneath(root, path), { bigint: true });
      if (!stats.isFile()) return null;
      if (path !== MANIFEST_FILE_NAME) {
        if (manifest.get(path)?.pending) return null;
        files.push(path);
        for (const parent of parentDirectories(path)) directories.add(parent);
      }
      filesDigest.update(line(path, stats));
      if (stats.ctimeNs > newestChangeNs) newestChangeNs = stats.ctimeNs;
      if (stats.mtimeNs > newestChangeNs) newestChangeNs = stats.mtimeNs;
    }
    // Directories count for the digest only, not for `newestChangeNs`: every writing run creates
    // and removes its lock file in the output directory just before it ends, and what a
    // directory's times tell (an entry added or removed: a leftover temporary file) never
    // changes what rr's own files hold.
    const filesHex = filesDigest.digest('hex');
    const digest = createHash('sha256').update(filesHex);
    for (const dir of [...directories].sort()) digest.update(line(`${dir}/`, statSync(join(root, dir), { bigint: true })));
    return { digest: digest.digest('hex'), filesDigest: filesHex, newestChangeNs, device: statSync(root, { bigint: true }).dev, files };
  } catch {
    // Missing, unreadable, replaced by something else: a run that looks properly will say what.
    return null;
  }
}
