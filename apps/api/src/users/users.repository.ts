import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** An app's end users. */
@Injectable()
export class UsersRepository extends BaseRepository {}
