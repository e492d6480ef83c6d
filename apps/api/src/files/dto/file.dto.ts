import { FILE_NAME_PATTERN, FILE_NAME_RULE, SUBSCRIPTION_PATTERN, SUBSCRIPTION_RULE, MAX_FILE_SUBSCRIPTIONS } from '@keyhold/contracts';
import type { ClientFileResponse, FileResponse, UpdateFileRequest, UploadFileFields } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { Optional } from '../../common/validation';
import { CursorPageQueryDto } from '../../common/dto/pagination.dto';

/** A file name becomes the download's file name: see FILE_NAME_PATTERN. */
const FILE_NAME_MESSAGE = `name must be ${FILE_NAME_RULE}`;
const SUBSCRIPTIONS_MESSAGE = `each subscription must be ${SUBSCRIPTION_RULE}`;

/** The multipart fields of an upload besides `file` (validated like a JSON body: unknown fields are refused). */
export class UploadFileFieldsDto implements UploadFileFields {
  @IsString() @MaxLength(64) appId: string;

  @Optional() @IsString() @Matches(FILE_NAME_PATTERN, { message: FILE_NAME_MESSAGE }) name?: string;

  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_FILE_SUBSCRIPTIONS)
  @IsString({ each: true })
  @Matches(SUBSCRIPTION_PATTERN, { each: true, message: SUBSCRIPTIONS_MESSAGE })
  subscriptions?: string[];
}

/** `PUT /:id/content` takes the file part only. */
export class ReplaceFileContentFieldsDto {}

export class ListFilesQueryDto extends CursorPageQueryDto {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;
}

export class FileIdParamDto {
  @ApiProperty({ description: 'Public id (`file_...`)' })
  @IsString()
  @MaxLength(64)
  fileId: string;
}

export class UpdateFileDto implements UpdateFileRequest {
  @ApiPropertyOptional({ maxLength: 255, example: 'Loader v2.exe' })
  @Optional()
  @IsString()
  @Matches(FILE_NAME_PATTERN, { message: FILE_NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ type: [String], example: ['premium'], description: 'Empty: every active user may download' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_FILE_SUBSCRIPTIONS)
  @IsString({ each: true })
  @Matches(SUBSCRIPTION_PATTERN, { each: true, message: SUBSCRIPTIONS_MESSAGE })
  subscriptions?: string[];
}

export class FileResponseDto implements FileResponse {
  @ApiProperty({ example: 'file_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty() appId: string;
  @ApiProperty({ example: 'loader.exe' }) name: string;
  @ApiProperty({ description: 'Bytes of the plaintext' }) size: number;
  @ApiProperty({ description: 'SHA-256 of the plaintext, hex' }) sha256: string;
  @ApiProperty({ example: 'application/octet-stream' }) contentType: string;
  @ApiProperty({ type: [String], description: 'Subscriptions allowed to download; empty: every active user' }) subscriptions: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ClientFileResponseDto implements ClientFileResponse {
  @ApiProperty({ example: 'file_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty({ example: 'loader.exe' }) name: string;
  @ApiProperty() size: number;
  @ApiProperty({ description: 'SHA-256 of the plaintext, hex' }) sha256: string;
  @ApiProperty() contentType: string;
  @ApiProperty() createdAt: string;
}

/** The OpenAPI body of the two multipart routes. */
export const UPLOAD_BODY_SCHEMA = {
  type: 'object',
  required: ['file', 'appId'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The file (streamed; at most FILES_MAX_BYTES)' },
    appId: { type: 'string', example: 'app_0f6c1d2e3b4a59687766554433221100' },
    name: { type: 'string', description: 'Display and download name; defaults to the uploaded file name' },
    subscriptions: {
      type: 'array',
      items: { type: 'string' },
      description: 'Subscriptions allowed to download: a repeated field or one comma-separated value. None: every active user.',
    },
  },
};

export const REPLACE_BODY_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'The new contents (at most FILES_MAX_BYTES)' } },
};
