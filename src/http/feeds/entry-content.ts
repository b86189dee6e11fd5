import type { LocalizedText } from '../../schemas';
import { parsePeriod, periodLabelEn, periodLabelZh } from '../../periods';
import { markdownAsText } from '../web/engagement';
import { html } from '../web/html';
import type { FeedEntry } from './atom';

/**
 * An entry's HTML content (Chinese first, then English): what was published, its size and
 * checksum, the correction's reason, and the interpretation (解读) as escaped text, so
 * nothing an agency writes becomes markup in a feed reader.
 */
export function releaseContent(e: FeedEntry, csv: string, title: LocalizedText): string {
  const { release: r, interpretation: i } = e;
  const p = parsePeriod(r.period);
  return html`<p>${title.zh}</p>
    <p lang="en">${title.en}</p>
    <ul>
      <li>统计期 Period: ${periodLabelZh(p)} (${periodLabelEn(p)})</li>
      <li>行数 Rows: ${r.rowCount}</li>
      <li>大小 Size: ${e.bytes} bytes</li>
      <li>SHA-256: <code>${r.sha256}</code></li>
      <li>结构版本 Schema version: ${r.schemaVersion}</li>
      ${r.revisionReason ? html`<li>更正原因 Reason for the revision: ${r.revisionReason}</li>` : ''}
      ${r.note ? html`<li>说明 Note: ${r.note}</li>` : ''}
    </ul>
    <p><a href="${csv}">data.csv</a></p>
    ${
      i
        ? html`<h3>解读 Interpretation</h3>
            <p>${i.agency.name.zh} · ${i.publishedOn}</p>
            ${i.body.zh !== null ? html`<div lang="zh-CN">${markdownAsText(i.body.zh)}</div>` : ''}
            ${i.body.en ? html`<div lang="en">${markdownAsText(i.body.en)}</div>` : ''}
            ${i.url ? html`<p><a href="${i.url}">阅读解读全文 Read the interpretation</a></p>` : ''}`
        : ''
    }`.text;
}
