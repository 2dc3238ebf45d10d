export { renderModelSet, type RenderOptions, type RenderResult, type RenderedFile } from './render-model-set.js';
export { templateSet, type TemplateSet } from './templates/template-set.js';
export { BUILTIN_TEMPLATES_DIR } from './templates/builtin-templates.js';
export { readTemplateOverrides, type TemplateSource } from './templates/template-source.js';
export { RendererError, TemplateError, UnknownTemplateError, type RendererErrorCode } from './errors.js';
export { stringLiteral, docComment } from './syntax/literals.js';
export { SHARED_FILES, modelPaths } from './views/module-paths.js';
