import path from 'node:path';
import { Router } from 'express';
import { pagePolicy } from '../security-headers';

/** Redoc's self-contained browser bundle, straight from node_modules: no CDN, no font service. */
const REDOC_BUNDLE = path.join(
  path.dirname(require.resolve('redoc/package.json')),
  'bundles/redoc.standalone.js',
);

/**
 * Redoc starts itself on the <redoc> element and reads its options from attributes, so
 * the page needs no inline script. It fetches the contract from this origin.
 */
const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API 文档 · 山西省政务公开数据平台</title>
</head>
<body>
<redoc spec-url="/openapi.json" hide-hostname="true" expand-responses="200,201" json-sample-expand-level="3"></redoc>
<script src="/docs/redoc.standalone.js"></script>
</body>
</html>
`;

/**
 * What Redoc needs and nothing more: its script from this origin; inline styles, because
 * styled-components writes <style> elements at run time (their text is not known in
 * advance, so no hash can stand in); a blob: worker for its search index; data: images
 * (icons inside the bundle); and a fetch of /openapi.json. Redoc's sidebar credit asks for
 * its logo from cdn.redoc.ly whatever the options say; img-src refuses it, so the request is
 * never sent and Redoc hides the broken image.
 */
const docsPolicy = pagePolicy({
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ['blob:'],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
});

/** The contract rendered for people at /docs (openapi.yaml stays the machine-readable copy). */
export function docsRouter(): Router {
  const r = Router();
  r.get('/docs', docsPolicy, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('html').send(PAGE);
  });
  r.get('/docs/redoc.standalone.js', (_req, res) => {
    res.sendFile(REDOC_BUNDLE, { maxAge: '1d' });
  });
  return r;
}
