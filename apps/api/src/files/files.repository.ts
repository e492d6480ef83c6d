import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** Files an app's users may download. */
@Injectable()
export class FilesRepository extends BaseRepository {}
