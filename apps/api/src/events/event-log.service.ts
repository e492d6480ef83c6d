import { Injectable, StreamableFile } from '@nestjs/common';
import type { EventResponse } from '@keyhold/contracts';
import { EVENT_EXPORT_MAX_ROWS, PAGE_COUNT_CAP } from '@keyhold/contracts';
import { AppsService } from '../apps/apps.service';
import { csvDownload } from '../common/csv';
import { DomainError } from '../common/errors/domain-error';
import { toPublicId } from '../common/ids';
import { Page } from '../common/page';
import { ExportEventsQueryDto, ListEventsQueryDto } from './dto/event.dto';
import { EventFilter, EventRow, EventsRepository } from './events.repository';

/** Where a page starts: before the event numbered `seq`; `page` only keeps `meta.page` meaningful. */
interface Cursor {
  seq: string;
  page: number;
}

const CURSOR_PATTERN = /^(\d{1,19})\.(\d{1,7})$/;

/** Opaque to clients, like the other lists' cursors (database/page-query.ts). */
function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.seq}.${c.page}`).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  const match = CURSOR_PATTERN.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  // A bigint holds at most 9223372036854775807: a longer number is no event's.
  if (!match || BigInt(match[1]) > 9_223_372_036_854_775_807n || Number(match[2]) < 2) {
    throw new DomainError('VALIDATION_FAILED', 'Request validation failed', [
      { field: 'cursor', reason: 'cursor must be the meta.nextCursor of an earlier page' },
    ]);
  }
  return { seq: match[1], page: Number(match[2]) };
}

export function toEventResponse(e: EventRow): EventResponse {
  return { id: toPublicId('event', e.id), name: e.name, createdAt: e.createdAt.toISOString(), data: e.data };
}

const CSV_COLUMNS = [
  'id',
  'createdAt',
  'event',
  'username',
  'userId',
  'licenseId',
  'key',
  'keyLast4',
  'ip',
  'country',
  'hwid',
  'reason',
  'data',
] as const;

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const filterOf = (query: ExportEventsQueryDto): EventFilter => ({ name: query.name, q: query.q || undefined });

/**
 * The seller's view of an app's event log: what happened (sign-ins, registrations, bans, refused
 * sign-ins as `auth.denied`...), newest first, as a page or a CSV file.
 */
@Injectable()
export class EventLogService {
  constructor(
    private readonly apps: AppsService,
    private readonly events: EventsRepository,
  ) {}

  async list(sellerId: string, query: ListEventsQueryDto): Promise<Page<EventResponse>> {
    const app = await this.apps.findOwned(sellerId, query.appId);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const filter = filterOf(query);
    const total = await this.events.countForApp(app.id, filter, PAGE_COUNT_CAP);
    const rows = await this.events.pageForApp(app.id, filter, query.limit + 1, after?.seq);
    const page = after?.page ?? 1;
    const shown = rows.slice(0, query.limit);
    const last = shown.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeCursor({ seq: last.seq, page: page + 1 }) : null;
    return new Page(shown.map(toEventResponse), {
      total: Math.min(total, PAGE_COUNT_CAP),
      page,
      limit: query.limit,
      totalCapped: total > PAGE_COUNT_CAP,
      nextCursor,
    });
  }

  /** The list's events (its filters, every page), newest first, at most EVENT_EXPORT_MAX_ROWS, as CSV. */
  async exportCsv(sellerId: string, query: ExportEventsQueryDto): Promise<StreamableFile> {
    const app = await this.apps.findOwned(sellerId, query.appId);
    const rows = await this.events.pageForApp(app.id, filterOf(query), EVENT_EXPORT_MAX_ROWS);
    return csvDownload(CSV_COLUMNS, [rows], (row) => {
      const e = toEventResponse(row);
      const d = e.data;
      return [
        e.id,
        e.createdAt,
        e.name,
        text(d.username),
        text(d.userId),
        text(d.licenseId),
        text(d.key),
        text(d.keyLast4),
        text(d.ip),
        text(d.country),
        text(d.hwid),
        text(d.reason),
        JSON.stringify(d),
      ];
    });
  }
}
