import { AppStatsRepository } from '../apps/app-stats.repository';
import { AppsRepository } from '../apps/apps.repository';
import { SellersRepository } from '../auth/sellers.repository';
import { BlacklistRepository } from '../blacklist/blacklist.repository';
import { EventsRepository } from '../events/events.repository';
import { FilesRepository } from '../files/files.repository';
import { HealthRepository } from '../health/health.repository';
import { LicensesRepository } from '../licenses/licenses.repository';
import { CreditLedgerRepository } from '../resellers/credit-ledger.repository';
import { ResellerKeysRepository } from '../resellers/reseller-keys.repository';
import { ResellersRepository } from '../resellers/resellers.repository';
import { RetentionRepository } from '../retention/retention.repository';
import { SessionsRepository } from '../sessions/sessions.repository';
import { UsersRepository } from '../users/users.repository';
import { WebhookDeliveriesRepository } from '../webhooks/webhook-deliveries.repository';
import { WebhooksRepository } from '../webhooks/webhooks.repository';

/**
 * Every repository, provided by the (global) DatabaseModule: the database layer is one layer that
 * any service may use, as immich's repositories are. A repository imports entities and shared SQL
 * rules, never a service or a module.
 */
export const REPOSITORIES = [
  AppsRepository,
  AppStatsRepository,
  BlacklistRepository,
  CreditLedgerRepository,
  EventsRepository,
  FilesRepository,
  HealthRepository,
  LicensesRepository,
  ResellerKeysRepository,
  ResellersRepository,
  RetentionRepository,
  SellersRepository,
  SessionsRepository,
  UsersRepository,
  WebhookDeliveriesRepository,
  WebhooksRepository,
];
