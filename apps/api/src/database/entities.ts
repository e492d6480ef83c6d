import { AppEntity } from '../apps/app.entity';
import { SellerEntity } from '../auth/seller.entity';

export const ENTITIES = [SellerEntity, AppEntity];
