import { AppEntity } from '../apps/app.entity';
import { SellerEntity } from '../auth/seller.entity';
import { BlacklistEntryEntity } from '../blacklist/blacklist-entry.entity';
import { EventEntity } from '../events/event.entity';
import { FileEntity } from '../files/file.entity';
import { LicenseEntity } from '../licenses/license.entity';
import { CreditLedgerEntryEntity } from '../resellers/credit-ledger-entry.entity';
import { ResellerAppEntity } from '../resellers/reseller-app.entity';
import { ResellerPriceEntity } from '../resellers/reseller-price.entity';
import { ResellerEntity } from '../resellers/reseller.entity';
import { SessionEntity } from '../sessions/session.entity';
import { AppUserEntity } from '../users/app-user.entity';
import { WebhookAttemptEntity } from '../webhooks/webhook-attempt.entity';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../webhooks/webhook-endpoint.entity';

export const ENTITIES = [SellerEntity, AppEntity, AppUserEntity, LicenseEntity, SessionEntity, BlacklistEntryEntity, EventEntity, ResellerEntity, ResellerAppEntity, ResellerPriceEntity, CreditLedgerEntryEntity, FileEntity, WebhookEndpointEntity, WebhookDeliveryEntity, WebhookAttemptEntity];
