import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/**
 * The in-browser IDE is served from our own node_modules (no CDN): the prebuilt UMD
 * bundles of React 18 and GraphiQL 3, by an allow-list of file names.
 */
export const GRAPHIQL_ASSETS: Readonly<Record<string, string>> = {
  'react.production.min.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.production.min.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.min.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
};

const DEFAULT_QUERY = `# 山西公共数据开放平台 GraphQL 接口 — 示例：太原、大同 2023 年猪肉周价格
{
  agriculturalPrices(
    filter: {
      product: { eq: "猪肉" }
      city: { in: ["140100", "140200"] }
      period: { gte: "2023-W01", lte: "2023-W52" }
    }
    orderBy: [PERIOD_ASC, CITY_ASC]
    first: 20
  ) {
    totalCount
    nodes { period city market avgPrice }
    pageInfo { hasNextPage endCursor }
    meta { dataVersion citation }
  }
}
`;

/**
 * A browser asking for /graphql wants the IDE, not JSON: with `?query=` (a link from a
 * dataset page) the IDE opens with that query. Other clients get the answer as JSON.
 */
export function wantsGraphiQL(req: Request): boolean {
  if (req.method !== 'GET') return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * Starts the IDE, with a link to the REST docs (/docs) in place of GraphiQL's logo. A file
 * rather than an inline script, so the page's policy can allow scripts from this origin
 * only; it reads its settings from the page's data attributes.
 */
const START_SCRIPT = `'use strict';
(function () {
  var root = document.getElementById('graphiql');
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: root.dataset.url }),
      defaultQuery: root.dataset.query,
      query: root.dataset.linked === 'true' ? root.dataset.query : undefined,
      defaultEditorToolsVisibility: true,
    },
    React.createElement(
      GraphiQL.Logo,
      null,
      React.createElement('a', { className: 'graphiql-logo-link', href: '/docs' }, 'REST API 文档'),
    )),
  );
})();
`;

const START_FILE = 'graphiql-start.js';

const PAGE_STYLE = 'html, body, #graphiql { height: 100%; margin: 0; }';

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Exactly what the page loads: its scripts and stylesheet from this origin, one inline
 * style (by hash), GraphiQL's fonts and icons (data: URLs inside its CSS) and its requests
 * to this origin's /graphql. GraphiQL's dialogs can inject a scroll-lock <style> at
 * runtime (react-remove-scroll, without a nonce), which this policy blocks: the page is
 * full height and does not scroll, so only a console report is lost.
 */
export const graphiqlPolicy: RequestHandler = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", `'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`],
    'font-src': ['data:'],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  },
});

export function graphiqlPage(mountPath: string, linkedQuery?: string): string {
  // baseUrl echoes the request's spelling of the mount path; keep only what a path needs.
  const base = /^[A-Za-z0-9/_-]*$/.test(mountPath) ? mountPath : '/graphql';
  const asset = (file: string) => `${base}/assets/${file}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · 山西公共数据开放平台</title>
<link rel="stylesheet" href="${asset('graphiql.min.css')}">
<style>${PAGE_STYLE}</style>
</head>
<body>
<div id="graphiql" data-url="${base}" data-query="${escapeAttribute(linkedQuery ?? DEFAULT_QUERY)}" data-linked="${linkedQuery !== undefined}">Loading GraphiQL…</div>
<script src="${asset('react.production.min.js')}"></script>
<script src="${asset('react-dom.production.min.js')}"></script>
<script src="${asset('graphiql.min.js')}"></script>
<script src="${asset(START_FILE)}"></script>
</body>
</html>
`;
}

export const serveAsset: RequestHandler = (req, res, next) => {
  const name = String(req.params.file);
  if (name === START_FILE) {
    res.set('Cache-Control', 'public, max-age=86400').type('js').send(START_SCRIPT);
    return;
  }
  const file = GRAPHIQL_ASSETS[name];
  if (!file) {
    next();
    return;
  }
  res.sendFile(file, { maxAge: '1d', dotfiles: 'deny' });
};
