import type { Request } from 'express';
import type { HttpDeps } from './deps';

/** The site's public origin for absolute links: PUBLIC_BASE_URL, else what the request was sent to. */
export function baseUrl(req: Request, deps: HttpDeps): string {
  return (
    deps.config.publicBaseUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`
  );
}
