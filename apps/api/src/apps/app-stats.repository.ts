import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** The numbers of an app's overview page. */
@Injectable()
export class AppStatsRepository extends BaseRepository {}
