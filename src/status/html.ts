/**
 * HTML built from trusted markup and untrusted values: every value interpolated by `html` is
 * escaped unless it is itself Html. Ids, hosts, labels and reasons are user input.
 */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Value = Html | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value as string | number));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/**
 * Characters that do not show, or that reorder the text around them: C0 and C1 controls, bidi
 * marks, embeddings, overrides and isolates, zero-width characters, the BOM.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Hidden and direction-changing characters written out as \\uXXXX. */
export function spellHidden(text: string): string {
  return text.replace(
    HIDDEN,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/**
 * User text shown as it is: escaped, hidden and direction-changing characters written out as
 * \\uXXXX, in a <bdi> so that right-to-left text stays inside its cell.
 */
export function shown(text: string): Html {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(HIDDEN)) {
    out += escapeHtml(text.slice(last, match.index));
    const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    out += `<span class="ctl" title="hidden character">\\u${code}</span>`;
    last = match.index + 1;
  }
  out += escapeHtml(text.slice(last));
  return new Html(`<bdi>${out}</bdi>`);
}
