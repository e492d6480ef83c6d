import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { Page } from '../common/page';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SellerAuth, StoreIntegration } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { AppIdQueryDto } from '../common/dto/app-id.dto';
import { IdParamDto } from '../common/dto/id-param.dto';
import { DeletedResponseDto } from '../apps/dto/app.dto';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { BlacklistService } from './blacklist.service';
import { BlacklistEntryResponseDto, CreateBlacklistEntryDto } from './dto/blacklist.dto';

@ApiTags('Blacklist')
@SellerAuth()
@StoreIntegration(BlacklistService)
@Controller('v1/admin/blacklist')
export class BlacklistController {
  constructor(private readonly blacklist: BlacklistService) {}

  @Get()
  @ApiOperation({ summary: "List an app's blacklisted IPs, ranges and hardware ids" })
  @ApiEnvelope(BlacklistEntryResponseDto, { list: true, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  list(@CurrentSeller() sellerId: string, @Query() { appId }: AppIdQueryDto): Promise<Page<BlacklistEntryResponseDto>> {
    return this.blacklist.list(sellerId, appId);
  }

  @Post()
  @ApiOperation({
    summary: 'Blacklist an IP address, a CIDR range or a hardware id',
    description:
      'Every client login path then answers 403 BLACKLISTED for a match. An entry that is already there (for a range: the same network, however written) answers 409 CONFLICT.',
  })
  @ApiEnvelope(BlacklistEntryResponseDto, { status: 201, errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND', 'UNAUTHORIZED'] })
  add(@CurrentSeller() sellerId: string, @Body() dto: CreateBlacklistEntryDto): Promise<BlacklistEntryResponseDto> {
    return this.blacklist.add(sellerId, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Remove a blacklist entry' })
  @ApiEnvelope(DeletedResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  remove(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<DeletedResponseDto> {
    return this.blacklist.remove(sellerId, id);
  }
}
