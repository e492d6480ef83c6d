import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** The keys a reseller generated, as the reseller sees them. */
@Injectable()
export class ResellerKeysRepository extends BaseRepository {}
