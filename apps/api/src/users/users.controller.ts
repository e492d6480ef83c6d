import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeletedResponseDto } from '../apps/dto/app.dto';
import { SellerAuth, StoreIntegration } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { IdParamDto } from '../common/dto/id-param.dto';
import { Page } from '../common/page';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import {
  CreateUserDto,
  EndedSessionResponseDto,
  ListUsersQueryDto,
  UpdateUserDto,
  UserResponseDto,
  UserSessionParamsDto,
  UserSessionResponseDto,
  UserBulkDto,
} from './dto/user.dto';
import { BulkResponseDto } from '../common/dto/bulk.dto';
import { UsersService } from './users.service';

@ApiTags('Users')
@SellerAuth()
@StoreIntegration(UsersService)
@Controller('v1/admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create an end-user credential' })
  @ApiEnvelope(UserResponseDto, { status: 201, errors: ['VALIDATION_FAILED', 'USERNAME_TAKEN', 'NOT_FOUND', 'UNAUTHORIZED'] })
  create(@CurrentSeller() sellerId: string, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(sellerId, dto);
  }

  @Get()
  @ApiOperation({
    summary: "List an app's end users",
    description:
      'Newest first. `q` finds any part of the username, hardware id or last IP (from 3 characters through trigram indexes). ' +
      'Follow `meta.nextCursor` with `?cursor=` to page at any depth; `meta.total` counts up to 10,000 (then `totalCapped: true`).',
  })
  @ApiEnvelope(UserResponseDto, { list: 'cursor', errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  list(@CurrentSeller() sellerId: string, @Query() query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    return this.users.list(sellerId, query);
  }

  @Post('bulk')
  @HttpCode(200) // an action on existing records, not a creation (as the docs say)
  @ApiOperation({
    summary: 'Ban, unban, delete or extend many end users at once',
    description:
      "The selected `ids`, or with `match: true` every user matching `status` and `q` (the list's filters). One transaction; " +
      'more than 10,000 users is 400 VALIDATION_FAILED and changes nothing. `dryRun: true` only counts, locking nothing, up to 10,001 (for the confirmation: past 10,000 it says so). ' +
      'A ban records `user.ban` per user and ends their sessions; `extend` adds `days` to each expiry (users that never expire stay so).',
  })
  @ApiEnvelope(BulkResponseDto, { errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  bulk(@CurrentSeller() sellerId: string, @Body() dto: UserBulkDto): Promise<BulkResponseDto> {
    return this.users.bulk(sellerId, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an end user' })
  @ApiEnvelope(UserResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  get(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<UserResponseDto> {
    return this.users.get(sellerId, id);
  }

  @Get(':id/sessions')
  @ApiOperation({
    summary: "An end user's sessions",
    description:
      'The latest 100, newest first, ended ones too (until `RETENTION_SESSIONS_DAYS` prunes them): where each login came from (IP, hardware id) and whether its token still works.',
  })
  @ApiEnvelope(UserSessionResponseDto, { list: true, errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  sessions(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<UserSessionResponseDto[]> {
    return this.users.listSessions(sellerId, id);
  }

  @Delete(':id/sessions/:sessionId')
  @ApiOperation({
    summary: "End one of an end user's sessions",
    description: 'Its client token is refused (401) from its next call on; the user can log in again. Ending an ended session is a no-op.',
  })
  @ApiEnvelope(EndedSessionResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  endSession(@CurrentSeller() sellerId: string, @Param() { id, sessionId }: UserSessionParamsDto): Promise<EndedSessionResponseDto> {
    return this.users.endSession(sellerId, id, sessionId);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Ban or unban, reset the hardware id, set expiry or subscription, change the password',
    description:
      'A ban or a new password ends the user’s sessions at once. `null` clears `subscription`, `expiresAt` and `banReason`; `null` on any other field is 400 VALIDATION_FAILED.',
  })
  @ApiEnvelope(UserResponseDto, { errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  update(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.users.update(sellerId, id, dto);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Delete an end user (and end their sessions)',
    description: 'The key the user registered with stays "used": it can never be redeemed again (409 LICENSE_USED).',
  })
  @ApiEnvelope(DeletedResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  remove(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<DeletedResponseDto> {
    return this.users.remove(sellerId, id);
  }
}
