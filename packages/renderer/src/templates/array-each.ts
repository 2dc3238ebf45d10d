import type Handlebars from 'handlebars';

/**
 * Handlebars' `each`, leaner over arrays, which is all rr's views give it: one frame and one
 * options object for the whole loop, and block parameters only for a block that declares them.
 * The built-in makes two arrays and two objects per item; over the lines of musicbrainz's
 * modules that was about a fifth of everything a render allocated (docs/performance.md).
 * The output is the built-in's: `@index`, `@key`, `@first`, `@last`, `as |item index|` and
 * `{{else}}` for an empty array; anything but an array goes to the built-in.
 */
export function registerArrayEach(env: typeof Handlebars): void {
  const builtin = env.helpers['each'] as Handlebars.HelperDelegate;
  env.registerHelper('each', function (this: unknown, items: unknown, options: Handlebars.HelperOptions) {
    if (!Array.isArray(items) || options === undefined) return builtin.call(this, items, options);
    if (items.length === 0) return options.inverse(this);
    const { fn } = options;
    const data = options.data === undefined ? undefined : (env.createFrame(options.data) as Record<string, unknown>);
    const withParams = (fn as { blockParams?: number }).blockParams ? true : false;
    const itemOptions: { data: unknown; blockParams?: unknown[] } = { data };
    let text = '';
    const last = items.length - 1;
    for (let index = 0; index <= last; index++) {
      if (!(index in items)) continue;
      const item: unknown = items[index];
      if (data !== undefined) {
        data['key'] = index;
        data['index'] = index;
        data['first'] = index === 0;
        data['last'] = index === last;
      }
      if (withParams) itemOptions.blockParams = [item, index];
      text += fn(item, itemOptions);
    }
    return text;
  });
}
