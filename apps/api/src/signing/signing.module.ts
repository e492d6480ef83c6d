import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { JwksController } from './jwks.controller';
import { OfflineLicensesController } from './offline-licenses.controller';
import { OfflineLicensesService } from './offline-licenses.service';
import { SignAnswersMiddleware } from './sign-answers.middleware';
import { SigningKeysController } from './signing-keys.controller';
import { SigningKeysService } from './signing-keys.service';

/** Apps' signing keys, their JWK Sets, offline licenses, and the signing of client and Axora answers (AppModule mounts the middleware). */
@Module({
  imports: [AppsModule],
  controllers: [SigningKeysController, JwksController, OfflineLicensesController],
  providers: [SigningKeysService, SignAnswersMiddleware, OfflineLicensesService],
  exports: [SigningKeysService, SignAnswersMiddleware],
})
export class SigningModule {}
