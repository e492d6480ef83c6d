import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { ClientFilesController } from './client-files.controller';
import { ClientFilesService } from './client-files.service';
import { FileContentService } from './file-content.service';
import { FilesController } from './files.controller';
import { FilesJanitor } from './files-janitor';
import { FilesService } from './files.service';
import { FILE_STORAGE } from './storage/file-storage';
import { LocalFileStorage } from './storage/local-file-storage';
import { EventsModule } from '../events/events.module';

@Module({
  imports: [AppsModule, EventsModule],
  controllers: [FilesController, ClientFilesController],
  providers: [
    // The one place the storage backend is chosen.
    { provide: FILE_STORAGE, useFactory: (config: AppConfig) => new LocalFileStorage(config.filesDir), inject: [APP_CONFIG] },
    FileContentService,
    FilesService,
    ClientFilesService,
    FilesJanitor,
  ],
})
export class FilesModule {}
