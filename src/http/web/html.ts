import { inlineHash } from '../security-headers';

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

const STYLE = `
body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;color:#1d2328;line-height:1.5}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{border-bottom:3px solid #b3261e;padding-top:.75rem}
a{color:#0b57d0}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid #dde2e6;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f8}
.en{color:#5c6670;font-size:.85em}
.mark{display:inline-block;padding:0 .4rem;border-radius:.25rem;font-size:.85em;font-weight:600}
.mark-active{background:#e6f4ea;color:#137333}
.mark-repealed,.mark-expired{background:#fce8e6;color:#a50e0e}
.banner{border:2px solid #a50e0e;background:#fce8e6;padding:.75rem 1rem;margin:1rem 0}
.sample{background:#fff7e0;border:1px solid #e0b300;padding:.5rem 1rem;margin:1rem 0}
form{margin:1rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}
`;

// Built outside the html`` template, which Prettier reformats: the element's text must
// stay byte for byte what STYLE_HASH was computed from.
const STYLE_ELEMENT = new Html(`<style>${STYLE}</style>`);

/** The CSP source that allows the pages' one inline stylesheet, and nothing else inline. */
export const STYLE_HASH = inlineHash(STYLE);

export function page(title: string, body: Html): string {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · 山西省政务公开数据平台</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <header>
          <a href="/catalog"><strong>山西省政务公开数据平台</strong></a>
          <span class="en">Shanxi open government data</span> · <a href="/graphql">GraphQL</a> ·
          <a href="/openapi.yaml">OpenAPI</a> · <a href="/api/v1/calendar.ics">发布日历 iCal</a>
        </header>
        <main>${body}</main>
        <footer>
          <p class="en">
            依据《山西省人民政府办公厅关于印发2017年山西省政务公开工作要点的通知》（晋政办发〔2017〕50号）
          </p>
        </footer>
      </body>
    </html>`.text;
}
