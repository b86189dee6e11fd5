/** Escapes text for HTML element content and double-quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Marks a fragment as already escaped, so page templates can nest without double escaping. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const piece = Array.isArray(v)
      ? v.map((x) => (x instanceof Html ? x.text : esc(x))).join('')
      : v instanceof Html
        ? v.text
        : v === null || v === undefined || v === false
          ? ''
          : esc(v);
    out += piece + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/**
 * JSON for a `<script type="application/json">` or `application/ld+json` block: `<` is
 * written as \u003c so no text (a hostile title with `</script>`) can close the element.
 */
export function jsonScript(id: string | null, type: string, data: unknown): Html {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return new Html(`<script type="${esc(type)}"${id ? ` id="${esc(id)}"` : ''}>${json}</script>`);
}
