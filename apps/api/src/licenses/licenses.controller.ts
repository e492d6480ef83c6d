import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DeletedResponseDto } from '../apps/dto/app.dto';
import { RawResponse, SellerAuth, StoreIntegration } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { BulkResponseDto } from '../common/dto/bulk.dto';
import { IdParamDto } from '../common/dto/id-param.dto';
import { Page } from '../common/page';
import { ApiEnvelope, ApiErrors } from '../docs/api-envelope.decorator';
import {
  ExportLicensesQueryDto,
  LicenseBulkDto,
  GenerateLicensesDto,
  GenerateLicensesResponseDto,
  LicenseResponseDto,
  ListLicensesQueryDto,
  UpdateLicenseDto,
} from './dto/license.dto';
import { LicensesService } from './licenses.service';

@ApiTags('Licenses')
@SellerAuth()
@StoreIntegration(LicensesService)
@Controller('v1/admin/licenses')
export class LicensesController {
  constructor(private readonly licenses: LicensesService) {}

  @Post('generate')
  @ApiOperation({
    summary: 'Generate 1 to 10,000 license keys',
    description:
      'Mask `X` = one of A-Z0-9 from a cryptographic source; other characters stay. `durationDays: null` makes lifetime keys; the clock starts at first use.',
  })
  @ApiEnvelope(GenerateLicensesResponseDto, { status: 201, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  generate(@CurrentSeller() sellerId: string, @Body() dto: GenerateLicensesDto): Promise<GenerateLicensesResponseDto> {
    return this.licenses.generate(sellerId, dto);
  }

  @Get()
  @ApiOperation({
    summary: "List an app's license keys",
    description:
      'Newest first. Filter by status; `q` finds any part of the key, note, hardware id or username (from 3 characters through ' +
      'trigram indexes). Follow `meta.nextCursor` with `?cursor=` to page: as fast at page 40,000 as at page 1. `meta.total` ' +
      'counts up to 10,000 (then `totalCapped: true`).',
  })
  @ApiEnvelope(LicenseResponseDto, { list: 'cursor', errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  list(@CurrentSeller() sellerId: string, @Query() query: ListLicensesQueryDto): Promise<Page<LicenseResponseDto>> {
    return this.licenses.list(sellerId, query);
  }

  @Get('export')
  @RawResponse()
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="licenses.csv"')
  @ApiOperation({
    summary: "Export an app's license keys as CSV",
    description:
      "The list's filters (`status`, `q`, `userId`), every row, oldest first. Streamed as it is read, 5,000 rows at a time, so any number of keys downloads in flat memory; a download cut short ends with a dropped connection, never a short file that looks whole.",
  })
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, description: 'CSV: key,status,subscription,durationDays,note,usedBy,hwid,activatedAt,expiresAt,createdAt' })
  @ApiErrors('VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED')
  export(@CurrentSeller() sellerId: string, @Query() query: ExportLicensesQueryDto): Promise<StreamableFile> {
    return this.licenses.exportCsv(sellerId, query);
  }

  @Post('bulk')
  @HttpCode(200) // an action on existing records, not a creation (as the docs say)
  @ApiOperation({
    summary: 'Ban, unban, delete or extend many license keys at once',
    description:
      "The selected `ids`, or with `match: true` every key matching `status`, `q` and `resellerId` (the list's filters). One " +
      'transaction; more than 10,000 keys is 400 VALIDATION_FAILED and changes nothing. `dryRun: true` only counts, locking nothing, up to 10,001 (for the ' +
      "confirmation). A ban ends the sessions of each key and of its user. `extend` adds `days` to a key's expiry date (from now " +
      'once it has passed) or, on an unused key, to its duration (at most 36,500 days); lifetime keys stay so. `delete` takes a ' +
      "redeemed key's user with it and records `license.delete` per key.",
  })
  @ApiEnvelope(BulkResponseDto, { errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  bulk(@CurrentSeller() sellerId: string, @Body() dto: LicenseBulkDto): Promise<BulkResponseDto> {
    return this.licenses.bulk(sellerId, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a license key' })
  @ApiEnvelope(LicenseResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  get(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<LicenseResponseDto> {
    return this.licenses.get(sellerId, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Ban or unban, extend, annotate, reset the hardware id',
    description:
      'A ban ends the key’s sessions at once. A key a user registered with carries that user’s access: banning it also ends the ' +
      'user’s sessions and refuses the user’s logins (403 LICENSE_BANNED; Axora: 401 "Credential disabled or invalid") until it is ' +
      'unbanned. `null` clears `note`, `banReason` and `expiresAt` (lifetime); `null` on any other field is 400 VALIDATION_FAILED.',
  })
  @ApiEnvelope(LicenseResponseDto, { errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  update(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto, @Body() dto: UpdateLicenseDto): Promise<LicenseResponseDto> {
    return this.licenses.update(sellerId, id, dto);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Delete a license key (records license.delete)',
    description:
      'A key a user registered with is that user’s access: deleting it deletes the user too (its sessions end; license.delete ' +
      'carries its `userId`). A key used by license login alone has no user; its sessions end with it. To keep the user, ban the ' +
      'key or change the user instead. (Deleting the *user* keeps its key: the key stays "used" and can never be redeemed again.)',
  })
  @ApiEnvelope(DeletedResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  remove(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<DeletedResponseDto> {
    return this.licenses.remove(sellerId, id);
  }
}
