import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Router, type Request, type Response } from 'express';

interface Asset {
  file: string;
  type: string;
}

/**
 * The pages' only static files, by an allow-list: our stylesheet and chart script (from
 * this folder) and ECharts' prebuilt bundle from node_modules (no CDN). They are read and
 * gzipped once, on first request.
 */
const ASSETS: Readonly<Record<string, Asset>> = {
  'site.css': { file: path.join(__dirname, 'assets', 'site.css'), type: 'text/css; charset=utf-8' },
  'dataset-chart.js': {
    file: path.join(__dirname, 'assets', 'dataset-chart.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'echarts.min.js': {
    file: path.join(path.dirname(require.resolve('echarts/package.json')), 'dist', 'echarts.common.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

interface Loaded {
  raw: Buffer;
  gzip: Buffer;
  etag: string;
}

const loaded = new Map<string, Loaded>();

function load(name: string, asset: Asset): Loaded {
  let l = loaded.get(name);
  if (!l) {
    const raw = fs.readFileSync(asset.file);
    l = {
      raw,
      gzip: zlib.gzipSync(raw, { level: 9 }),
      etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`,
    };
    loaded.set(name, l);
  }
  return l;
}

function send(req: Request, res: Response, name: string, asset: Asset): void {
  const l = load(name, asset);
  res.setHeader('Content-Type', asset.type);
  res.setHeader('ETag', l.etag);
  // Revalidated hourly: the names carry no content hash, and a deploy must reach readers.
  res.setHeader('Cache-Control', 'public, max-age=3600');
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if ((req.get('if-none-match') ?? '').split(',').some((t) => t.trim() === l.etag)) {
    res.status(304).end();
    return;
  }
  const gzip = /\bgzip\b/.test(req.get('accept-encoding') ?? '');
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.send(gzip ? l.gzip : l.raw);
}

export function assetsRouter(): Router {
  const r = Router();
  r.get('/assets/:file', (req, res, next) => {
    const name = String(req.params.file);
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) {
      next();
      return;
    }
    send(req, res, name, asset);
  });
  return r;
}
