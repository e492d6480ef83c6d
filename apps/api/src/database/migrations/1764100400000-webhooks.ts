import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook endpoints, the delivery outbox and its attempt log (issue: webhooks).
 * A delivery row is written in the transaction of the change that caused its event, so a committed
 * change always has its deliveries and a rolled-back one has none.
 */
export class Webhooks1764100400000 implements MigrationInterface {
  name = 'Webhooks1764100400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        url varchar(2048) NOT NULL,
        events text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        secret_encrypted text NOT NULL,
        disabled_reason varchar(500),
        consecutive_failures integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_webhook_endpoints_app_id ON webhook_endpoints (app_id)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        event_seq bigint NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_status_code integer,
        last_error varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The delivery log of an endpoint, newest first (and the endpoint foreign key's index).
    await q.query(`CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, event_seq)`);
    // The queue: the oldest pending delivery of each endpoint is its head of line.
    await q.query(`CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (endpoint_id, event_seq) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX ix_webhook_deliveries_event_id ON webhook_deliveries (event_id)`);
    await q.query(`
      CREATE TABLE webhook_attempts (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL,
        status_code integer,
        latency_ms integer NOT NULL,
        error varchar(1000),
        response_excerpt varchar(1024)
      )`);
    await q.query(`CREATE INDEX ix_webhook_attempts_delivery ON webhook_attempts (delivery_id, attempted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['webhook_attempts', 'webhook_deliveries', 'webhook_endpoints']) await q.query(`DROP TABLE ${t}`);
  }
}
