import fs from 'node:fs';

/**
 * docs/BENCHMARKS.md is made of sections, each starting with a heading. A full run writes
 * the whole file; a filtered run (`npm run bench -- query graphql`) replaces only the
 * sections it measured and leaves every other section, notes included, as it was.
 */
function headingLevel(line: string): number {
  const m = /^(#{1,6}) /.exec(line);
  return m ? m[1]!.length : 0;
}

/**
 * Replaces the section whose heading starts with `key` (up to the next heading of the same
 * or a higher level) with `section`; appends it when there is none yet.
 */
export function spliceSection(doc: string, key: string, section: string): string {
  const level = headingLevel(key);
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.startsWith(key));
  const body = section.replace(/\n+$/, '').split('\n');
  if (start < 0) return `${doc.replace(/\n+$/, '')}\n\n${body.join('\n')}\n`;
  let end = start + 1;
  while (end < lines.length) {
    const l = headingLevel(lines[end]!);
    if (l > 0 && l <= level) break;
    end++;
  }
  // Keep one blank line before the next heading.
  const rest = lines.slice(end);
  return [...lines.slice(0, start), ...body, ...(rest.length ? ['', ...rest] : [''])].join('\n');
}

export interface Section {
  /** The stable start of the section's heading, e.g. '### Filtered query'. */
  key: string;
  markdown: string;
}

export function updateReport(file: string, sections: Section[]): void {
  let doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  for (const s of sections) doc = spliceSection(doc, s.key, s.markdown);
  fs.writeFileSync(file, doc);
}
