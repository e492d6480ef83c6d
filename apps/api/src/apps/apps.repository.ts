import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** A seller's apps. */
@Injectable()
export class AppsRepository extends BaseRepository {}
