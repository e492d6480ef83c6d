import { Module } from '@nestjs/common';
import { RetentionService } from './retention.service';

/** Scheduled pruning of ended sessions, old events and old webhook attempts (RETENTION_*). */
@Module({ providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule {}
