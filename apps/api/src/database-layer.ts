import type { DatabaseLayer } from './database/database.module';
import { AppEntity } from './apps/app.entity';
import { AppsRepository } from './apps/apps.repository';
import { SellerEntity } from './auth/seller.entity';
import { RecoveryCodeEntity } from './auth/recovery-code.entity';
import { RecoveryCodesRepository } from './auth/recovery-codes.repository';
import { SellersRepository } from './auth/sellers.repository';
import { BlacklistEntryEntity } from './blacklist/blacklist-entry.entity';
import { BlacklistRepository } from './blacklist/blacklist.repository';
import { ClientSessionsRepository } from './client/client-sessions.repository';
import { EventEntity } from './events/event.entity';
import { EventsRepository } from './events/events.repository';
import { FileEntity } from './files/file.entity';
import { FilesRepository } from './files/files.repository';
import { HealthRepository } from './health/health.repository';
import { LicenseEntity } from './licenses/license.entity';
import { LicensesRepository } from './licenses/licenses.repository';
import { CreditLedgerEntryEntity } from './resellers/credit-ledger-entry.entity';
import { CreditLedgerRepository } from './resellers/credit-ledger.repository';
import { ResellerAppEntity } from './resellers/reseller-app.entity';
import { ResellerKeysRepository } from './resellers/reseller-keys.repository';
import { ResellerPriceEntity } from './resellers/reseller-price.entity';
import { ResellerEntity } from './resellers/reseller.entity';
import { ResellersRepository } from './resellers/resellers.repository';
import { RetentionRepository } from './retention/retention.repository';
import { SessionEntity } from './sessions/session.entity';
import { SigningKeyEntity } from './signing/signing-key.entity';
import { SigningKeysRepository } from './signing/signing-keys.repository';
import { SessionsRepository } from './sessions/sessions.repository';
import { AppStatsRepository } from './stats/app-stats.repository';
import { AccountSessionEntity } from './tokens/account-session.entity';
import { AccountSessionsRepository } from './tokens/account-sessions.repository';
import { AppUserEntity } from './users/app-user.entity';
import { UsersRepository } from './users/users.repository';
import { WebhookAttemptEntity } from './webhooks/webhook-attempt.entity';
import { WebhookDeliveriesRepository } from './webhooks/webhook-deliveries.repository';
import { WebhookDeliveryEntity } from './webhooks/webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhooks/webhook-endpoint.entity';
import { WebhooksRepository } from './webhooks/webhooks.repository';

/**
 * Every table (entity) and every repository over them, handed by AppModule to the global
 * DatabaseModule: the database layer is one layer that any service may use, as immich's
 * repositories are. The lists live here, at the composition root beside app.module.ts, so that
 * database/ imports no domain (domains import database/, never the reverse). A repository imports
 * entities and shared SQL rules, never a service or a module.
 */
export const DATABASE_LAYER: DatabaseLayer = {
  entities: [
    SellerEntity,
    RecoveryCodeEntity,
    AppEntity,
    AppUserEntity,
    LicenseEntity,
    SessionEntity,
    AccountSessionEntity,
    SigningKeyEntity,
    BlacklistEntryEntity,
    EventEntity,
    ResellerEntity,
    ResellerAppEntity,
    ResellerPriceEntity,
    CreditLedgerEntryEntity,
    FileEntity,
    WebhookEndpointEntity,
    WebhookDeliveryEntity,
    WebhookAttemptEntity,
  ],
  repositories: [
    AccountSessionsRepository,
    AppsRepository,
    AppStatsRepository,
    BlacklistRepository,
    ClientSessionsRepository,
    CreditLedgerRepository,
    EventsRepository,
    FilesRepository,
    HealthRepository,
    LicensesRepository,
    ResellerKeysRepository,
    ResellersRepository,
    RecoveryCodesRepository,
    RetentionRepository,
    SellersRepository,
    SessionsRepository,
    SigningKeysRepository,
    UsersRepository,
    WebhookDeliveriesRepository,
    WebhooksRepository,
  ],
};
