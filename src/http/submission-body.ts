import express, { type RequestHandler } from 'express';
import { jsonDepthVerifier } from '../ingest';

/**
 * Bodies of public submissions (a data request, a feedback report): a few texts of at most
 * a few thousand characters each, so far less than the 2 MB other JSON bodies may have.
 */
export const SUBMISSION_BODY_LIMIT = '64kb';
/** A submission is an object holding an object (the contact details) and a short list. */
const SUBMISSION_JSON_DEPTH = 8;

export function submissionJson(): RequestHandler {
  return express.json({ limit: SUBMISSION_BODY_LIMIT, verify: jsonDepthVerifier(SUBMISSION_JSON_DEPTH) });
}

/** The web form's body (application/x-www-form-urlencoded), flat: no nested keys. */
export function submissionForm(): RequestHandler {
  return express.urlencoded({ extended: false, limit: SUBMISSION_BODY_LIMIT, parameterLimit: 50 });
}
