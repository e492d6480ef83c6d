import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity } from './app.entity';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';

@Module({
  imports: [TypeOrmModule.forFeature([AppEntity])],
  controllers: [AppsController],
  providers: [AppsService],
  exports: [AppsService, TypeOrmModule],
})
export class AppsModule {}
