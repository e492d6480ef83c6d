import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_EXPORT_MAX_ROWS } from '@keyhold/contracts';
import { RawResponse, SellerAuth } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { Page } from '../common/page';
import { ApiEnvelope, ApiErrors } from '../docs/api-envelope.decorator';
import { EventResponseDto, ExportEventsQueryDto, ListEventsQueryDto } from './dto/event.dto';
import { EventLogService } from './event-log.service';

const LOG_DESCRIPTION =
  'Everything the webhooks announce, kept for RETENTION_EVENTS_DAYS (90): sign-ins, registrations, sessions, bans, key ' +
  'activations, expiries and deletions, downloads, and refused end-user authentications as `auth.denied` (with `reason`, the ' +
  'error code answered; `username` or `keyLast4`; `ip`, `hwid` and `country`). Sign-in events carry `country` (ISO 3166-1 ' +
  'alpha-2 of the IP, resolved offline; null for private, loopback, IPv6 or unknown addresses).';

@ApiTags('Events')
@SellerAuth()
@Controller('v1/admin/events')
export class EventsController {
  constructor(private readonly log: EventLogService) {}

  @Get()
  @ApiOperation({
    summary: "List an app's events, newest first",
    description:
      `${LOG_DESCRIPTION} Filter by \`name\`; \`q\` finds part of a username, key, IP, hardware id, country, reason or id. ` +
      'Follow `meta.nextCursor` with `?cursor=` for older events (as fast at any depth as the first page). `meta.total` counts ' +
      'up to 10,000 (then `totalCapped: true`).',
  })
  @ApiEnvelope(EventResponseDto, { list: 'cursor', errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  list(@CurrentSeller() sellerId: string, @Query() query: ListEventsQueryDto): Promise<Page<EventResponseDto>> {
    return this.log.list(sellerId, query);
  }

  @Get('export')
  @RawResponse()
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="events.csv"')
  @ApiOperation({
    summary: "Export an app's events as CSV",
    description: `The list's filters (\`name\`, \`q\`), every page, newest first: at most the newest ${EVENT_EXPORT_MAX_ROWS.toLocaleString('en-US')} events.`,
  })
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: "CSV: id,createdAt,event,username,userId,licenseId,key,keyLast4,ip,country,hwid,reason,data (the event's data as JSON)",
  })
  @ApiErrors('VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED')
  export(@CurrentSeller() sellerId: string, @Query() query: ExportEventsQueryDto): Promise<StreamableFile> {
    return this.log.exportCsv(sellerId, query);
  }
}
