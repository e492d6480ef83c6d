import type { EventResponse, ExportEventsQuery, ListEventsQuery, WebhookEventName } from '@keyhold/contracts';
import { WEBHOOK_EVENTS } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../../common/validation';

export class ListEventsQueryDto implements ListEventsQuery {
  @ApiProperty({ example: 'app_0f6c1d2e3b4a59687766554433221100' }) @IsString() @MaxLength(64) appId: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, description: 'Only events of this name' })
  @Optional()
  @IsIn(WEBHOOK_EVENTS)
  name?: WebhookEventName;

  @ApiPropertyOptional({
    description:
      'Search text: part of a username, key (a refused key: its last 4 characters), IP, hardware id, country, reason, ' +
      'or a user, license, session or file id',
    maxLength: 100,
  })
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: "The previous page's `meta.nextCursor`: the page of events before (older than) it" })
  @Optional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
}

/** The export takes the list's filters (name, search): it holds what the list shows, all pages. */
export class ExportEventsQueryDto extends OmitType(ListEventsQueryDto, ['cursor', 'limit'] as const) implements ExportEventsQuery {}

export class EventResponseDto implements EventResponse {
  @ApiProperty({ example: 'evt_0f6c1d2e3b4a59687766554433221100', description: 'Also the `webhook-id` of its deliveries' })
  id: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS }) name: WebhookEventName;
  @ApiProperty({ example: '2026-06-15T12:00:00.000Z' }) createdAt: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { reason: 'HWID_MISMATCH', username: 'testuser', ip: '81.2.69.142', hwid: 'ABCD-1234-EFGH', country: 'GB' },
    description: "The event's data, as its webhook deliveries carry it (see Webhooks for each event's fields)",
  })
  data: Record<string, unknown>;
}
