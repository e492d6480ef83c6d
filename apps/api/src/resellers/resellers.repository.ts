import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** Resellers and what they may sell. */
@Injectable()
export class ResellersRepository extends BaseRepository {}
