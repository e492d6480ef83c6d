import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** Webhook deliveries (the outbox) and their attempts. */
@Injectable()
export class WebhookDeliveriesRepository extends BaseRepository {}
