import { Module } from '@nestjs/common';
import { BlacklistModule } from '../blacklist/blacklist.module';
import { ClientController } from './client.controller';
import { ClientService } from './client.service';

@Module({
  imports: [BlacklistModule],
  controllers: [ClientController],
  providers: [ClientService],
  exports: [ClientService],
})
export class ClientModule {}
