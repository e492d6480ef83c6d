import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity } from './app.entity';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';

@Module({
  // Only for auth/client-auth.service.ts, which still injects the TypeORM repository of AppEntity through this
  // export; drop both once it uses AppsRepository.
  imports: [TypeOrmModule.forFeature([AppEntity])],
  controllers: [AppsController],
  providers: [AppsService],
  exports: [AppsService, TypeOrmModule],
})
export class AppsModule {}
