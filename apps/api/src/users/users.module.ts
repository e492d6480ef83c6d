import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { PasswordsModule } from '../common/passwords.module';
import { SessionsModule } from '../sessions/sessions.module';
import { EventsModule } from '../events/events.module';

@Module({
  imports: [AppsModule, PasswordsModule, SessionsModule, EventsModule],
  controllers: [UsersController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
