import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** Sessions behind the tokens. */
@Injectable()
export class SessionsRepository extends BaseRepository {}
