import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import { fromPublicId } from '../../src/common/ids';

export interface RecordedEvent {
  name: string;
  data: Record<string, unknown>;
}

/** Events recorded for an app, oldest first (read straight from the database). */
export async function eventsOf(t: TestApp, appPublicId: string, name?: string): Promise<RecordedEvent[]> {
  const rows: RecordedEvent[] = await t.app
    .get(DataSource)
    .query(
      `SELECT name, data FROM events WHERE app_id = $1 ${name ? 'AND name = $2' : ''} ORDER BY seq`,
      name ? [fromPublicId('app', appPublicId), name] : [fromPublicId('app', appPublicId)],
    );
  return rows;
}
