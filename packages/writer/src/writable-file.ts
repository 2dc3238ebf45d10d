/**
 * The one thing the writer needs from the rest of the pipeline. The renderer produces objects of
 * this shape without importing the writer, so it must stay a plain structural type.
 */
export interface WritableFile {
  /** POSIX path relative to the output directory, canonical (`models/user.ts`, never `./x` or `a//b`). */
  readonly path: string;
  /**
   * The file's text, without the signature header: the writer adds it to generated files. A
   * function is called only if the file has to be written (see `signature`), so a caller that
   * knows a file is probably unchanged can skip making its text at all.
   */
  readonly contents: string | (() => string);
  /**
   * `true` for TypeScript/JavaScript files that can carry the `// @generated` signature header;
   * `false` for files written verbatim (JSON, Markdown…), whose ownership the manifest alone records.
   */
  readonly generated: boolean;
  /**
   * With `contents` as a function: the signature those contents have, known without making them
   * (a caller remembers it from the run that last wrote them). When the file on disk carries
   * exactly that signature, intact, it is unchanged and `contents` is never called; otherwise it
   * is called and the file is planned as usual. The caller answers for the promise: a signature
   * of other contents that happens to be on disk keeps the file on disk.
   */
  readonly signature?: string;
}
