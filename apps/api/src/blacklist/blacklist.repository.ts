import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** Blacklisted IPs and hardware ids. */
@Injectable()
export class BlacklistRepository extends BaseRepository {}
