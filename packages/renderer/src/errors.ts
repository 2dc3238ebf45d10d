/** Errors of the render stage. Each names the template file and, where known, the line. */

export type RendererErrorCode = 'RR_TEMPLATE_SYNTAX' | 'RR_TEMPLATE_RUNTIME' | 'RR_TEMPLATE_UNKNOWN' | 'RR_TEMPLATES_DIR' | 'RR_RENDER_INPUT';

export class RendererError extends Error {
  readonly code: RendererErrorCode;
  constructor(code: RendererErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A template that does not parse or fails while rendering. */
export class TemplateError extends RendererError {
  readonly template: string;
  readonly file: string;
  readonly line: number | null;
  constructor(
    code: 'RR_TEMPLATE_SYNTAX' | 'RR_TEMPLATE_RUNTIME',
    details: { readonly template: string; readonly file: string; readonly line: number | null; readonly reason: string },
    options?: ErrorOptions,
  ) {
    const where = details.line === null ? details.file : `${details.file}:${details.line}`;
    const what = code === 'RR_TEMPLATE_SYNTAX' ? 'does not parse' : 'failed while rendering';
    super(code, `template "${details.template}" (${where}) ${what}: ${details.reason}. Fix the template, or remove the override to use rr's own.`, options);
    this.template = details.template;
    this.file = details.file;
    this.line = details.line;
  }
}

/** An override names a template or partial that rr does not have. */
export class UnknownTemplateError extends RendererError {
  readonly template: string;
  constructor(template: string, file: string, known: readonly string[]) {
    super('RR_TEMPLATE_UNKNOWN', `${file} overrides "${template}", which is not one of rr's templates (${known.join(', ')}). Rename the file to the template it replaces.`);
    this.template = template;
  }
}
