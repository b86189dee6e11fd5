import express, { type RequestHandler } from 'express';
import { jsonDepthVerifier, MAX_JSON_BODY_DEPTH } from '../ingest';
import { JSON_BODY_LIMIT } from './limits';

/**
 * The JSON body parser for every REST route that takes one: at most JSON_BODY_LIMIT, and
 * nested at most MAX_JSON_BODY_DEPTH levels, checked on the raw bytes before parsing
 * (400 json_too_deep naming the line and column).
 */
export function jsonBody(): RequestHandler {
  return express.json({
    limit: JSON_BODY_LIMIT,
    verify: jsonDepthVerifier(MAX_JSON_BODY_DEPTH),
  });
}
