import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeletedResponseDto } from '../apps/dto/app.dto';
import { SellerAuth } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { IdParamDto } from '../common/dto/id-param.dto';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { SigningKeyParamDto, SigningKeyResponseDto } from './dto/signing-key.dto';
import { SigningKeysService } from './signing-keys.service';

const ROTATION =
  'Rotation without a failed verification: add a `next` key (published at once), ship a client build that pins the JWK Set with both keys, activate the new key (the old one becomes `previous`, still published), and retire the old key once no client build pins it alone. Processes pick up an activation within 10 seconds; the key it replaced stays published meanwhile.';

@ApiTags('Signing keys')
@SellerAuth()
@Controller('v1/admin/apps/:id/signing-keys')
export class SigningKeysController {
  constructor(private readonly keys: SigningKeysService) {}

  @Get()
  @ApiOperation({ summary: "The app's signing keys (Ed25519), with their public JWK and PEM", description: ROTATION })
  @ApiEnvelope(SigningKeyResponseDto, { array: true, errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  list(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<SigningKeyResponseDto[]> {
    return this.keys.list(sellerId, id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a `next` key: published in the JWK Set at once, signing only once activated', description: ROTATION })
  @ApiEnvelope(SigningKeyResponseDto, { status: 201, errors: ['NOT_FOUND', 'CONFLICT', 'UNAUTHORIZED'] })
  add(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<SigningKeyResponseDto> {
    return this.keys.add(sellerId, id);
  }

  @Post(':kid/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a published key the one that signs; the active one becomes `previous`', description: ROTATION })
  @ApiEnvelope(SigningKeyResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  activate(@CurrentSeller() sellerId: string, @Param() { id, kid }: SigningKeyParamDto): Promise<SigningKeyResponseDto> {
    return this.keys.activate(sellerId, id, kid);
  }

  @Delete(':kid')
  @ApiOperation({ summary: 'Retire a key: unpublished for good. The active key cannot be retired (409 CONFLICT).', description: ROTATION })
  @ApiEnvelope(DeletedResponseDto, { errors: ['NOT_FOUND', 'CONFLICT', 'UNAUTHORIZED'] })
  retire(@CurrentSeller() sellerId: string, @Param() { id, kid }: SigningKeyParamDto): Promise<DeletedResponseDto> {
    return this.keys.retire(sellerId, id, kid);
  }
}
