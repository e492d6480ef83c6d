import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** License keys. */
@Injectable()
export class LicensesRepository extends BaseRepository {}
