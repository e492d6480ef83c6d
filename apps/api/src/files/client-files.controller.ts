import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { ClientSessionAuth, RawResponse } from '../common/decorators/access.decorators';
import { ClientIp, CurrentClient } from '../common/decorators/principal.decorators';
import type { ClientPrincipal } from '../common/request';
import { ApiEnvelope, ApiErrors } from '../docs/api-envelope.decorator';
import { ClientFilesService } from './client-files.service';
import { ClientFileResponseDto, FileIdParamDto } from './dto/file.dto';

const REFUSALS = ['INVALID_KEY', 'APP_DISABLED', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'] as const;

const BYTES_DESCRIPTION =
  'The decrypted file, streamed. Headers: `Content-Length`, `Content-Type`, `Content-Disposition: attachment` (RFC 6266 `filename*`), ' +
  '`Accept-Ranges: bytes`, `ETag`, and `X-File-Sha256` (hex SHA-256 of the whole file) on every answer, whole or ranged. ' +
  'One `Range` (or several that touch) answers 206 with `Content-Range`; a range past the end answers 416 (code BAD_REQUEST) with ' +
  '`Content-Range: bytes */size`; `If-Range` is honoured. Each chunk is authenticated before it is sent: a damaged file answers 500 INTERNAL, ' +
  'or, when the damage lies past the first chunk, the connection is aborted rather than altered bytes sent. ' +
  'A download that delivers the last byte of the file (all of it, or the range that completes it) records `file.download`.';

const BINARY = { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } };
const FILE_HEADERS = {
  'Content-Length': { schema: { type: 'integer' }, description: 'Bytes in this answer' },
  'Content-Disposition': { schema: { type: 'string' }, description: '`attachment; filename="..."; filename*=UTF-8\'\'...`' },
  'Accept-Ranges': { schema: { type: 'string', example: 'bytes' }, description: 'Always `bytes`' },
  ETag: { schema: { type: 'string' }, description: 'The quoted SHA-256' },
  'X-File-Sha256': { schema: { type: 'string' }, description: 'Hex SHA-256 of the whole file (also on ranged answers)' },
};

@ApiTags('Client API')
@ClientSessionAuth()
@Controller('v1/client/files')
export class ClientFilesController {
  constructor(private readonly files: ClientFilesService) {}

  @Get(':fileId')
  @ApiOperation({ summary: 'Metadata of a file the signed-in user may download' })
  @ApiEnvelope(ClientFileResponseDto, { errors: [...REFUSALS] })
  metadata(@CurrentClient() c: ClientPrincipal, @Param() { fileId }: FileIdParamDto): Promise<ClientFileResponseDto> {
    return this.files.metadata(c, fileId);
  }

  @Get(':fileId/bytes')
  @RawResponse()
  @ApiOperation({ summary: 'Download a file (streamed; HTTP Range supported)', description: BYTES_DESCRIPTION })
  @ApiHeader({ name: 'Range', required: false, description: 'e.g. `bytes=0-1023`, `bytes=1024-`, `bytes=-512`' })
  @ApiHeader({ name: 'If-Range', required: false, description: 'The ETag (or Last-Modified) the range applies to' })
  @ApiResponse({ status: 200, description: 'The whole file', content: BINARY, headers: FILE_HEADERS })
  @ApiResponse({
    status: 206,
    description: 'The requested range',
    content: BINARY,
    headers: { ...FILE_HEADERS, 'Content-Range': { schema: { type: 'string' }, description: '`bytes start-end/size`' } },
  })
  @ApiResponse({
    status: 416,
    description: 'BAD_REQUEST: the range lies outside the file',
    headers: {
      'Content-Range': { schema: { type: 'string' }, description: '`bytes */size`' },
      'X-File-Sha256': FILE_HEADERS['X-File-Sha256'],
    },
    schema: {
      type: 'object',
      properties: {
        success: { type: 'boolean', example: false },
        error: { type: 'object', properties: { code: { type: 'string', example: 'BAD_REQUEST' }, message: { type: 'string' } } },
      },
    },
  })
  @ApiErrors(...REFUSALS, 'INTERNAL')
  async bytes(
    @CurrentClient() c: ClientPrincipal,
    @Param() { fileId }: FileIdParamDto,
    @ClientIp() ip: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.files.download(c, fileId, {
      method: req.method,
      range: req.header('range'),
      ifRange: req.header('if-range'),
      ip,
    });
    if (answer.kind === 'refused') {
      // The error filter answers in the envelope, keeping these headers.
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      throw answer.error;
    }
    res.writeHead(answer.status, answer.headers);
    if (answer.kind === 'head') return void res.end();
    try {
      await pipeline(answer.body.chunks(), res);
    } catch (e) {
      // Cut short of the last byte: end the connection so the client sees the download incomplete.
      if (answer.body.interrupted(e)) return void res.destroy();
    }
    await answer.body.completed();
  }
}
