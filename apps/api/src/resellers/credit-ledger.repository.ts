import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** Reseller credit balances and their ledger. */
@Injectable()
export class CreditLedgerRepository extends BaseRepository {}
