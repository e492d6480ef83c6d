import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { toPublicId } from '../common/ids';
import { EventsService } from '../events/events.service';
import { LicensesRepository } from './licenses.repository';

/**
 * Records license.expire once per license. The claim (`FOR UPDATE SKIP LOCKED`, then the
 * expiry_notified_at mark) and the events commit together, so several API processes sweeping the
 * same database never record one expiry twice, and a crash mid-sweep records nothing.
 */
@Injectable()
export class LicenseExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LicenseExpirySweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly licenses: LicensesRepository,
    private readonly events: EventsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) {
        this.running = this.sweep()
          .catch((e: unknown) => {
            this.logger.error({ err: e }, 'License expiry sweep failed');
            return 0;
          })
          .finally(() => (this.running = undefined));
      }
    }, this.config.licenseSweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many expiries it recorded. */
  async sweep(batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (m) => {
        const rows = await this.licenses.claimUnannouncedExpiries(batchSize, m);
        for (const r of rows) {
          await this.events.record(m, r.app_id, 'license.expire', {
            licenseId: toPublicId('license', r.id),
            key: r.key,
            userId: r.user_id ? toPublicId('user', r.user_id) : undefined,
            expiresAt: new Date(r.expires_at).toISOString(),
          });
        }
        return rows.length;
      });
      total += count;
      if (count < batchSize) return total;
    }
  }
}
