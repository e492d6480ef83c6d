import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** The event log. */
@Injectable()
export class EventsRepository extends BaseRepository {}
