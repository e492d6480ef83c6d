import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The dashboard's pages: its own scripts only, no framing (clickjacking), nothing loaded from
 * elsewhere. Styles allow 'unsafe-inline' because Mantine sets style attributes and injects its
 * CSS variables in a <style> element; scripts never do.
 */
const DASHBOARD_CSP = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

/** HSTS only where it is true: the request reached us over HTTPS (directly, or as a trusted proxy says). */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Headers on every answer: `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` and
 * helmet's other defaults (no framing, no DNS prefetch...), HSTS over HTTPS; the CSP only on what
 * is not the API (the dashboard; /docs keeps Swagger UI's inline scripts working). `isApiPath`
 * tells the two apart as the dashboard fallback does.
 */
export function securityHeaders(isApiPath: (path: string) => boolean): RequestHandler[] {
  return [
    helmet({ contentSecurityPolicy: false, strictTransportSecurity: false, referrerPolicy: { policy: 'no-referrer' } }),
    (req: Request, res: Response, next: NextFunction) => {
      if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
      if (isApiPath(req.path)) return next();
      return DASHBOARD_CSP(req, res, next);
    },
  ];
}
