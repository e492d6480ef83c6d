// A runnable example of end-user software logging in with the Keyhold SDK, verifying every answer.
//   KEYHOLD_URL=http://localhost:3000 KEYHOLD_API_KEY=ak_... KEYHOLD_JWKS=./jwks.json node libs/sdk/examples/end-user.mjs user1 pass123 ABC-DEF-123
// (build the SDK first: pnpm build). KEYHOLD_JWKS is the app's JWK Set, saved once when you build:
//   curl -H "X-Api-Key: ak_..." http://localhost:3000/v1/client/jwks > jwks.json
// Real software embeds it in its build (pinning is the point: never fetch it at run time).
// Without KEYHOLD_JWKS nothing is verified. Exits 1 with the error code on a refusal, 2 on an
// answer that failed verification.
import { readFileSync } from 'node:fs';
import { createEndUserClient, KeyholdError, KeyholdSignatureError } from '../dist/index.js';

const [username, password, hwid] = process.argv.slice(2);
const jwks = process.env.KEYHOLD_JWKS ? JSON.parse(readFileSync(process.env.KEYHOLD_JWKS, 'utf8')) : undefined;
const client = createEndUserClient({
  baseUrl: process.env.KEYHOLD_URL ?? 'http://localhost:3000',
  apiKey: process.env.KEYHOLD_API_KEY ?? '',
  jwks,
});
if (!client.verifying) console.warn('Warning: KEYHOLD_JWKS not set, answers are not verified');

try {
  const { user } = await client.login({ username, password, hwid });
  console.log(`Welcome ${user.username} (${user.subscription ?? 'no subscription'}), expires ${user.expiresAt ?? 'never'}`);
  const { session } = await client.session();
  console.log(`Session ${session.id} valid until ${session.expiresAt}`);
  await client.logout();
  console.log('Logged out');
} catch (e) {
  if (e instanceof KeyholdSignatureError) {
    // Not the app's server, or an answer altered or replayed on the way: never trust it.
    console.error(`Refusing an unverified answer (${e.reason}): ${e.message}`);
    process.exit(2);
  }
  if (e instanceof KeyholdError) {
    // A verified refusal; e.code is one of the seed's codes: INVALID_CREDENTIALS, HWID_MISMATCH, LICENSE_EXPIRED, BLACKLISTED, ...
    console.error(`Login refused: ${e.code} (${e.status}): ${e.message}`);
    process.exit(1);
  }
  throw e;
}
