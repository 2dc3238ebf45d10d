/** Removes every occurrence of the given secrets from a text (error messages, logs). */
export function redact(text: string, secrets: readonly (string | undefined | null)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    out = out.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('***');
  }
  return out;
}

/**
 * A connection URL with its password replaced, safe to print. The password runs to the last
 * `@`: people paste passwords with `/`, `?`, `#` or `@` unencoded, and such a URL is exactly
 * the one that fails to parse and gets printed. Hiding too much beats showing a secret.
 */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[\s\S]*@/i, '$1:***@');
}
