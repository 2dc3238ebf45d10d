/**
 * The one thing the writer needs from the rest of the pipeline. The renderer produces objects of
 * this shape without importing the writer, so it must stay a plain structural type.
 */
export interface WritableFile {
  /** POSIX path relative to the output directory, canonical (`models/user.ts`, never `./x` or `a//b`). */
  readonly path: string;
  /** The file's text, without the signature header: the writer adds it to generated files. */
  readonly contents: string;
  /**
   * `true` for TypeScript/JavaScript files that can carry the `// @generated` signature header;
   * `false` for files written verbatim (JSON, Markdown…), whose ownership the manifest alone records.
   */
  readonly generated: boolean;
}
