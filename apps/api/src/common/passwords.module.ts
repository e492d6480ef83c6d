import { Module } from '@nestjs/common';
import { PasswordsService } from './passwords.service';

/** Password hashing for every module that stores or checks one. */
@Module({ providers: [PasswordsService], exports: [PasswordsService] })
export class PasswordsModule {}
