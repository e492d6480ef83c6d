import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../validation';

/** `?page=&limit=` shared by every list. */
export class PaginationDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
}

/** `?page=&limit=&q=` for lists that can be searched. */
export class PageQueryDto extends PaginationDto {
  @ApiPropertyOptional({ description: 'Search text' })
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** `?page=&limit=&q=&cursor=` for the lists paged by database/page-query.ts (keyset pages). */
export class CursorPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      "The previous page's `meta.nextCursor`: the page after it, as fast at any depth as the first (`page` is then ignored). " +
      '`page` alone still works, but page N reads the N-1 pages before it.',
  })
  @Optional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** Escapes LIKE wildcards so a search for `50%` finds "50%" and not everything. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
