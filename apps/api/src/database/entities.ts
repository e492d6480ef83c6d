import { AppEntity } from '../apps/app.entity';
import { SellerEntity } from '../auth/seller.entity';
import { BlacklistEntryEntity } from '../blacklist/blacklist-entry.entity';
import { EventEntity } from '../events/event.entity';
import { LicenseEntity } from '../licenses/license.entity';
import { SessionEntity } from '../sessions/session.entity';
import { AppUserEntity } from '../users/app-user.entity';

export const ENTITIES = [SellerEntity, AppEntity, AppUserEntity, LicenseEntity, SessionEntity, BlacklistEntryEntity, EventEntity];
