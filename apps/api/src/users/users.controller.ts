import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeletedResponseDto } from '../apps/dto/app.dto';
import { SellerAuth, StoreIntegration } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { IdParamDto } from '../common/dto/id-param.dto';
import { Page } from '../common/page';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserResponseDto } from './dto/user.dto';
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

  @Get(':id')
  @ApiOperation({ summary: 'Get an end user' })
  @ApiEnvelope(UserResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  get(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<UserResponseDto> {
    return this.users.get(sellerId, id);
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
