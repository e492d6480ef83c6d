/** OpenAPI text for the Webhooks routes: the payload, the signature, delivery promises and each event's data. */
export const WEBHOOKS_DESCRIPTION = `
**Payload.** Each delivery is a \`POST\` of JSON \`{"id", "event", "timestamp", "data"}\`: \`id\` is the
event's id (\`evt_...\`), \`timestamp\` when the event happened (ISO 8601 UTC), \`data\` as below.

**Signature** (Standard Webhooks): headers \`webhook-id\` (= the payload \`id\`, the same on every retry:
drop duplicates by it), \`webhook-timestamp\` (seconds since the epoch, of this attempt) and
\`webhook-signature: v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">\`, keyed by
the bytes of the endpoint secret after \`whsec_\` (base64). Verify with the \`standardwebhooks\` package
(\`new Webhook(secret).verify(rawBody, headers)\`) or \`verifyWebhook\` of \`@keyhold/sdk\`; refuse
timestamps more than 5 minutes off.

**Delivery.** Deliveries are written in the same transaction as the change that caused the event
(a rolled-back change sends nothing) and sent at least once. An answer 2xx within
WEBHOOK_TIMEOUT_MS (10 s) is success; anything else (other status, redirect, timeout, refused
connection, blocked address) is retried with exponential backoff and jitter from WEBHOOK_RETRY_BASE_MS
(30 s), doubling up to 512 × base, for 15 attempts (about a day), then the delivery is \`failed\`.
An endpoint whose 15 attempts in a row failed is disabled with a \`disabledReason\`; enabling it again
(PATCH \`enabled: true\`) resumes its pending deliveries.

**Order.** One endpoint has at most one request in flight, and its deliveries go out in the order of
their events: a later delivery waits while an earlier one is pending a retry (and passes it once it
succeeds or finally fails). Events of transactions that overlap in time may be numbered in a different
order than they commit; order is exact for events whose changes did not overlap. A redelivery takes its
event's place in that order, so it goes before the endpoint's later pending deliveries.

**Events and their \`data\`** (ids are public ids; \`hwid\` is null when none was sent; \`country\` is the
ISO 3166-1 alpha-2 code of \`ip\`, resolved offline, null for private, loopback, IPv6 or unknown addresses;
fields shown with ? are left out when they do not apply):

| event | data |
|---|---|
| user.login | userId, username, ip, hwid, country |
| user.register | userId, username, ip, hwid, country |
| user.ban | userId, username, reason (null when none given) |
| license.activate | licenseId, key, userId? (key redeemed by /register), ip, hwid, country, expiresAt (null: lifetime) |
| license.expire | licenseId, key, userId?, expiresAt |
| license.delete | licenseId, key, userId? |
| session.create | sessionId, userId? (username login), licenseId? (license login), ip, hwid, country |
| file.download | fileId, fileName, userId? and username? (username login), licenseId? (license login), ip, hwid |
| auth.denied | reason (the error code answered: INVALID_CREDENTIALS, HWID_MISMATCH, BLACKLISTED, LICENSE_EXPIRED, UPDATE_REQUIRED...), username? (username login, registration, Axora), keyLast4? (the last 4 characters of the key sent: license login, registration), ip, hwid, country: a refused end-user authentication (not sent for an unknown API key) |
| webhook.test | webhookId, message (only from \`POST /v1/admin/webhooks/:id/test\`, only to that endpoint) |
`;
