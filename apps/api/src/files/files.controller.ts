import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DeletedResponseDto } from '../apps/dto/app.dto';
import { SellerAuth, StoreIntegration } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { IdParamDto } from '../common/dto/id-param.dto';
import { Page } from '../common/page';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { FileResponseDto, ListFilesQueryDto, REPLACE_BODY_SCHEMA, UpdateFileDto, UPLOAD_BODY_SCHEMA } from './dto/file.dto';
import { FilesService } from './files.service';

const UPLOAD_DESCRIPTION =
  'multipart/form-data with one `file` part and the fields `appId`, `name?` and `subscriptions?` (repeated or comma-separated), ' +
  'before or after the file. The body is streamed: encrypted chunk by chunk (AES-256-GCM under a fresh data key wrapped by the master key) ' +
  'into storage, never held whole in memory. Over FILES_MAX_BYTES (default 100 MB) the answer is 413 PAYLOAD_TOO_LARGE and nothing is kept.';

@ApiTags('Files')
@SellerAuth()
@Controller('v1/admin/files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post('upload')
  @ApiOperation({ summary: 'Upload a file for an app’s end users', description: UPLOAD_DESCRIPTION })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiEnvelope(FileResponseDto, {
    status: 201,
    errors: ['VALIDATION_FAILED', 'BAD_REQUEST', 'NOT_FOUND', 'UNAUTHORIZED', 'PAYLOAD_TOO_LARGE'],
  })
  upload(@CurrentSeller() sellerId: string, @Req() req: Request): Promise<FileResponseDto> {
    return this.files.upload(sellerId, req);
  }

  @StoreIntegration(FilesService)
  @Get()
  @ApiOperation({ summary: "List an app's files", description: '`q` searches the name.' })
  @ApiEnvelope(FileResponseDto, { list: 'cursor', errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  list(@CurrentSeller() sellerId: string, @Query() query: ListFilesQueryDto): Promise<Page<FileResponseDto>> {
    return this.files.list(sellerId, query);
  }

  @StoreIntegration(FilesService)
  @Get(':id')
  @ApiOperation({ summary: 'Get a file' })
  @ApiEnvelope(FileResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  get(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<FileResponseDto> {
    return this.files.get(sellerId, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename a file or change the subscriptions allowed to download it',
    description: 'An empty `subscriptions` list lets every active user download.',
  })
  @ApiEnvelope(FileResponseDto, { errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  update(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto, @Body() dto: UpdateFileDto): Promise<FileResponseDto> {
    return this.files.update(sellerId, id, dto);
  }

  @Put(':id/content')
  @ApiOperation({
    summary: 'Replace the contents of a file',
    description:
      'multipart/form-data with one `file` part, streamed and encrypted like an upload (under a new data key). The old bytes are removed; downloads already running finish with them.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: REPLACE_BODY_SCHEMA })
  @ApiEnvelope(FileResponseDto, { errors: ['VALIDATION_FAILED', 'BAD_REQUEST', 'NOT_FOUND', 'UNAUTHORIZED', 'PAYLOAD_TOO_LARGE'] })
  replaceContent(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto, @Req() req: Request): Promise<FileResponseDto> {
    return this.files.replaceContent(sellerId, id, req);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a file and its stored bytes' })
  @ApiEnvelope(DeletedResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  remove(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<DeletedResponseDto> {
    return this.files.remove(sellerId, id);
  }
}
