import type { Dataset } from '../../catalog';
import { constantCase, datasetFieldName, fieldGraphqlName } from '../../graphql/names';
import type { FieldDef } from '../../schemas';
import { html, type Html } from './html';
import { pick, translator, type Lang } from './i18n';

/** Enough columns to show the shape without a wall of text. */
const EXAMPLE_FIELDS = 6;

/** The newest rows of the dataset, in the names the generated GraphQL schema uses. */
export function exampleQuery(lang: Lang, d: Dataset, fields: readonly FieldDef[]): string {
  const period = fields.find((f) => f.type === 'period');
  const names = fields.slice(0, EXAMPLE_FIELDS).map(fieldGraphqlName);
  const order = period ? `, orderBy: [${constantCase(fieldGraphqlName(period))}_DESC]` : '';
  return `# ${pick(lang, d.title)}${lang === 'en' ? ': the 10 newest rows' : '：最新 10 行'}
{
  ${datasetFieldName(d)}(first: 10${order}) {
    totalCount
    nodes { ${names.join(' ')} }
    meta { dataVersion citation }
  }
}
`;
}

export function graphqlSection(lang: Lang, query: string): Html {
  const t = translator(lang);
  return html`<section aria-labelledby="graphql">
    <h2 id="graphql">GraphQL</h2>
    <p>${t('示例查询：', 'An example query:')}</p>
    <pre class="query"><code>${query}</code></pre>
    <p>
      <a href="/graphql?query=${encodeURIComponent(query)}" data-graphiql
        >${t('在 GraphiQL 中打开此查询', 'Open this query in GraphiQL')}</a
      >
    </p>
  </section>`;
}
