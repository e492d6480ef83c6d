import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** Webhook endpoints. */
@Injectable()
export class WebhooksRepository extends BaseRepository {}
