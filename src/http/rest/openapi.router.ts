import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import YAML from 'yaml';

const SPEC_PATH = path.resolve(__dirname, '../../../openapi.yaml');

/** The contract is served exactly as committed, as YAML and as JSON. */
export function openapiRouter(): Router {
  const r = Router();
  const text = fs.readFileSync(SPEC_PATH, 'utf8');
  const json = JSON.stringify(YAML.parse(text));
  r.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml; charset=utf-8').send(text);
  });
  r.get('/openapi.json', (_req, res) => {
    res.type('application/json; charset=utf-8').send(json);
  });
  return r;
}
