import { Foundation1764100000000 } from './1764100000000-foundation';
import { ClientApi1764100100000 } from './1764100100000-client-api';
import { Resellers1764100200000 } from './1764100200000-resellers';
import { Files1764100300000 } from './1764100300000-files';
import { Webhooks1764100400000 } from './1764100400000-webhooks';
import { RedeemedKeys1764100500000 } from './1764100500000-redeemed-keys';
import { Retention1764100600000 } from './1764100600000-retention';
import { AccountSecurity1764100700000 } from './1764100700000-account-security';
import { SigningKeys1764100800000 } from './1764100800000-signing-keys';
import { ListIndexes1764100900000 } from './1764100900000-list-indexes';
import { IntegrationKeys1764101000000 } from './1764101000000-integration-keys';
import { EventLog1764101100000 } from './1764101100000-event-log';
import { LedgerApps1764101200000 } from './1764101200000-ledger-apps';

/** Every migration in order. Listed, not globbed, so the same list runs under jest, tsc output and PGlite. */
export const MIGRATIONS = [
  Foundation1764100000000,
  ClientApi1764100100000,
  Resellers1764100200000,
  Files1764100300000,
  Webhooks1764100400000,
  RedeemedKeys1764100500000,
  Retention1764100600000,
  AccountSecurity1764100700000,
  SigningKeys1764100800000,
  ListIndexes1764100900000,
  IntegrationKeys1764101000000,
  EventLog1764101100000,
  LedgerApps1764101200000,
];
