/** The top of /docs: the conventions every route follows. */
export const OPENAPI_DESCRIPTION = `
Keyhold implements the **Authon REST API** (\`/v1\`) and the **Axora authentication URL** (\`/app/auth\`).

**Envelope.** Every \`/v1\` answer is \`{"success": true, "data": ...}\`; lists add
\`"meta": {"total", "page", "limit"}\`. Errors are \`{"success": false, "error": {"code", "message"}}\`
(plus \`details\` — field and reason — for VALIDATION_FAILED) with the status of the table below.

| status | codes |
|---|---|
| 400 | VALIDATION_FAILED, BAD_REQUEST (malformed JSON and the like) |
| 401 | INVALID_KEY, INVALID_CREDENTIALS, INVALID_LICENSE, UNAUTHORIZED, TWO_FACTOR_REQUIRED, INVALID_TWO_FACTOR_CODE |
| 403 | HWID_MISMATCH, BLACKLISTED, LICENSE_EXPIRED, USER_BANNED, LICENSE_BANNED, APP_DISABLED, INSUFFICIENT_CREDITS, RESELLER_SUSPENDED, SIGNUP_CLOSED, FORBIDDEN |
| 404 | NOT_FOUND (unknown routes, unknown ids, and another seller's ids alike) |
| 409 | USERNAME_TAKEN, EMAIL_TAKEN, LICENSE_USED |
| 413 | PAYLOAD_TOO_LARGE |
| 429 | RATE_LIMITED, with \`Retry-After\` in seconds |
| 500 | INTERNAL (generic message and a \`requestId\`; details only in the server log) |
| 503 | SERVICE_UNAVAILABLE, with \`Retry-After\` in seconds: the database is unreachable, or the server sheds load (more password checks at once than its hashing slots take) |

**Principals.** Sellers send \`Authorization: Bearer <seller token>\` (from \`/v1/auth/login\`);
resellers their own token; end-user software sends \`X-Api-Key\` and, where a session is needed,
\`Authorization: Bearer <client token>\`. A token of one kind never works where another is expected.
Every seller and reseller token belongs to a session that logout, a password change (the seller's
other tokens) or a reseller's suspension ends for good. Sellers may turn on two-factor sign-in
(TOTP); a login then needs \`code\` (401 TWO_FACTOR_REQUIRED / INVALID_TWO_FACTOR_CODE).

**Ids** are prefixed strings: \`sel_\`, \`app_\`, \`usr_\`, \`lic_\`, \`file_\`, \`wh_\`, \`whd_\`, \`rsl_\`,
\`ses_\`, \`evt_\`, \`bl_\`. Timestamps are ISO 8601 UTC; \`expiresAt: null\` means lifetime.

**Unknown fields** are rejected (400 VALIDATION_FAILED) on seller and reseller routes and ignored on
client routes, so an older server keeps working with a newer client.

**Rate limits** (per minute, configurable): client authentication per app and IP, one budget across
the client API and Axora (RATE_LIMIT_CLIENT_PER_MIN, 30); seller and reseller login per account and IP,
and seller sign-up per IP (RATE_LIMIT_LOGIN_PER_MIN, 10), with a ceiling of three times that per IP
across all accounts; everything else per token (RATE_LIMIT_API_PER_MIN, 1200). Budgets follow the
route, not the spelling of its path. Every answer carries, as Keygen's do, \`X-RateLimit-Window\`
(\`60s\`), \`X-RateLimit-Count\`, \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and
\`X-RateLimit-Reset\` (Unix seconds) for the limit closest to running out; a 429 adds \`Retry-After\`.

**Reliability.** When the database cannot be reached (stopped, restarting, refusing or dropping
connections, or not connecting within 5 s), every route that needs it answers 503
SERVICE_UNAVAILABLE with \`Retry-After\` in seconds (Axora: status 503 with
\`{"authenticated": false, "message": ...}\`; \`/health\`: 503 \`{"status": "error", "database":
"down"}\` within 3 s), never a 500. Nothing needs restarting: once the database is back, requests,
webhook deliveries and the license expiry sweep resume by themselves. Reads may simply be retried
after \`Retry-After\`; a write that was cut off by the outage was rolled back, unless the database
went away in the very moment it committed, so check before repeating a create. An answer 2xx is
committed: the keys of a generate call, an uploaded file and the events a change records (and so
its webhooks, delivered at least once) survive a crash of the server, and a call the crash
interrupted leaves all of its work or none of it.
`;
