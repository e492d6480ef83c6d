import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** Whether the database answers. */
@Injectable()
export class HealthRepository extends BaseRepository {}
