import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** Seller accounts. */
@Injectable()
export class SellersRepository extends BaseRepository {}
