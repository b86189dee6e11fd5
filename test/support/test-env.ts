/**
 * Tests send everything from one address, far faster than any client would: the limits
 * are off unless a test turns one on (test/integration/rate-limits.test.ts).
 */
export const NO_RATE_LIMITS = {
  API_RATE_LIMIT: '0',
  UPLOAD_RATE_LIMIT: '0',
  AUTH_FAILURE_LIMIT: '0',
  SUBMISSION_RATE_LIMIT: '0',
  REFUSAL_AUDIT_LIMIT: '0',
};
