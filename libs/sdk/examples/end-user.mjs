// A runnable example of end-user software logging in with the Keyhold SDK.
//   KEYHOLD_URL=http://localhost:3000 KEYHOLD_API_KEY=ak_... node libs/sdk/examples/end-user.mjs user1 pass123 ABC-DEF-123
// (build the SDK first: pnpm build). Exits 1 with the error code on failure.
import { createEndUserClient, KeyholdError } from '../dist/index.js';

const [username, password, hwid] = process.argv.slice(2);
const client = createEndUserClient({
  baseUrl: process.env.KEYHOLD_URL ?? 'http://localhost:3000',
  apiKey: process.env.KEYHOLD_API_KEY ?? '',
});

try {
  const { user } = await client.login({ username, password, hwid });
  console.log(`Welcome ${user.username} (${user.subscription ?? 'no subscription'}), expires ${user.expiresAt ?? 'never'}`);
  const { session } = await client.session();
  console.log(`Session ${session.id} valid until ${session.expiresAt}`);
  await client.logout();
  console.log('Logged out');
} catch (e) {
  if (e instanceof KeyholdError) {
    // e.code is one of the seed's codes: INVALID_CREDENTIALS, HWID_MISMATCH, LICENSE_EXPIRED, BLACKLISTED, ...
    console.error(`Login refused: ${e.code} (${e.status}): ${e.message}`);
    process.exit(1);
  }
  throw e;
}
