import { Module, OnModuleInit } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { ClientModule } from '../client/client.module';
import { AllExceptionsFilter } from '../common/filters/all-exceptions.filter';
import { AXORA_PREFIX } from './axora-url';
import { AxoraController } from './axora.controller';
import { AxoraService } from './axora.service';

/** Owns no tables: Axora is another way in to the same apps and end users. */
@Module({
  imports: [AppsModule, ClientModule],
  controllers: [AxoraController],
  providers: [AxoraService],
})
export class AxoraModule implements OnModuleInit {
  onModuleInit(): void {
    // Errors under /app/auth/ answer in Axora's shape, not the envelope (same filter, same statuses).
    AllExceptionsFilter.registerShape(AXORA_PREFIX, (error) => ({ authenticated: false, message: error.message }));
  }
}
