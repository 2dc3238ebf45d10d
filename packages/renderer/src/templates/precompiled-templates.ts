/** A template compiled when rr was built: its text, and Handlebars' precompiled form of it. */
export interface PrecompiledTemplate {
  readonly source: string;
  readonly spec: TemplateSpecification;
}

/**
 * rr's own templates and partials compiled when the bundles are built, by name: the `rrgen`
 * bundle's copy of this module holds them (tools/bundle-cli.mjs writes it), so a run does not
 * parse and compile its templates before the first file (60–80 ms of a cold run here). Empty
 * when rr runs from its modules, which then compile them when first used, as for a project's
 * overrides.
 */
export const PRECOMPILED_TEMPLATES: ReadonlyMap<string, PrecompiledTemplate> = new Map();

/** How every template is compiled, at build time or at run time: output is code, not HTML. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true, preventIndent: true } as const;
