import type { BulkAction, BulkResponse, IdKind } from '@keyhold/contracts';
import { BULK_ACTIONS, BULK_MAX, BULK_MAX_IDS, MAX_DURATION_DAYS, NOTE_MAX_LENGTH } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { fromPublicId } from '../ids';
import { Optional } from '../validation';

/**
 * What every bulk action takes (users and keys): the action, the selection (`ids`, or `match: true`
 * for every match of the list's filters, which each domain's DTO adds), and the action's settings.
 */
export class BulkSelectionDto {
  @ApiProperty({ enum: BULK_ACTIONS }) @IsIn(BULK_ACTIONS) action: BulkAction;

  @ApiPropertyOptional({ type: [String], maxItems: BULK_MAX_IDS, description: 'The selected records; or `match: true`' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX_IDS)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: "true: every record matching the list's filters" })
  @Optional()
  @IsIn([true], { message: 'match must be true, or left out with ids' })
  match?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DURATION_DAYS, description: 'extend: days added' })
  @ValidateIf((o: BulkSelectionDto) => o.action === 'extend' || o.days !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_DAYS)
  days?: number;

  @ApiPropertyOptional({ maxLength: NOTE_MAX_LENGTH }) @Optional() @IsString() @MaxLength(NOTE_MAX_LENGTH) banReason?: string;

  @ApiPropertyOptional({ description: 'true: count the selection, change nothing' }) @Optional() @IsBoolean() dryRun?: boolean;
}

export class BulkResponseDto implements BulkResponse {
  @ApiProperty() matched: number;
  @ApiProperty() changed: number;
}

/**
 * The row ids a bulk request names, or null for "every match of the filters". Exactly one of `ids`
 * and `match` (400 otherwise); another app's or a malformed id matches nothing, as in the lists.
 */
export function bulkIds(dto: BulkSelectionDto, kind: IdKind): string[] | null {
  if ((dto.ids === undefined) === (dto.match === undefined)) {
    throw new DomainError('VALIDATION_FAILED', undefined, [{ field: 'ids', reason: 'Give either ids or match: true, not both' }]);
  }
  return dto.ids ? dto.ids.map((id) => fromPublicId(kind, id)).filter((id): id is string => id !== null) : null;
}

/** Refuses (400, nothing changed) a selection past BULK_MAX; `found` was asked for one more. */
export function assertBulkSize(found: number, what: string, byIds: boolean): void {
  if (found <= BULK_MAX) return;
  const max = BULK_MAX.toLocaleString('en');
  throw new DomainError('VALIDATION_FAILED', `At most ${max} ${what} at a time: narrow the selection`, [
    { field: byIds ? 'ids' : 'match', reason: `The selection matches more than ${max} ${what}` },
  ]);
}
