/** Options of the `@rr/models` entry in `nx.json` `plugins`. */
export interface RrPluginOptions {
  /** Name of the generate target (default `rrgen`). */
  readonly targetName?: string;
  readonly snapshotTargetName?: string;
  readonly checkTargetName?: string;
  /**
   * Workspace projects whose production files belong in every `rrgen` hash: set when rr's own
   * packages live in the workspace (as in rr's repository). Otherwise the installed
   * `@rr/models` package is hashed as an external dependency.
   */
  readonly rrProjects?: readonly string[];
}

export const RR_CONFIG_FILE = 'rr.config.json';
