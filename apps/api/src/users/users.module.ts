import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppsModule } from '../apps/apps.module';
import { AppUserEntity } from './app-user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { PasswordsModule } from '../common/passwords.module';
import { SessionsModule } from '../sessions/sessions.module';
import { EventsModule } from '../events/events.module';

@Module({
  imports: [TypeOrmModule.forFeature([AppUserEntity]), AppsModule, PasswordsModule, SessionsModule, EventsModule],
  controllers: [UsersController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
