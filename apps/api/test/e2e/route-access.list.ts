/**
 * The reviewed access of every route: `METHOD path access rate-limit`. Changing a route's access
 * (or adding a route) fails route-access.e2e-spec.ts until this list is changed with it.
 */
export const ROUTE_ACCESS = [
  'GET /health public api',
  'POST /v1/auth/register public login',
  'POST /v1/auth/login public login',
  'GET /v1/auth/me seller api',
  'GET /v1/admin/apps seller api',
  'POST /v1/admin/apps seller api',
  'GET /v1/admin/apps/:id seller api',
  'PATCH /v1/admin/apps/:id seller api',
  'DELETE /v1/admin/apps/:id seller api',
  'POST /v1/admin/apps/:id/rotate-key seller api',
  'POST /v1/admin/apps/:id/regenerate-endpoint seller api',
];
