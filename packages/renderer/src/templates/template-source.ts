/** A template's text and where it came from (for error messages). */
export interface TemplateSource {
  /** `schema`, `model`, … or `partials/<name>` for a partial. */
  readonly name: string;
  /** Path shown in errors: the project's file for overrides, the package's for built-ins. */
  readonly file: string;
  readonly source: string;
}
