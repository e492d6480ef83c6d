import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { WebhookWorker } from './webhook-worker';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [AppsModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookWorker],
  exports: [WebhookWorker],
})
export class WebhooksModule {}
