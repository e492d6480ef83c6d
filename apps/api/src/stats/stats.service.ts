import { Injectable } from '@nestjs/common';
import type { AppStatsResponse, CountryLogins } from '@keyhold/contracts';
import { AppsService } from '../apps/apps.service';
import { AppStatsRepository } from './app-stats.repository';

/** The overview page of an app: counts by status and the last 30 days of logins and registrations. */
@Injectable()
export class StatsService {
  constructor(
    private readonly apps: AppsService,
    private readonly stats: AppStatsRepository,
  ) {}

  async forApp(sellerId: string, publicId: string): Promise<AppStatsResponse> {
    const app = await this.apps.findOwned(sellerId, publicId);
    const users = await this.stats.userCounts(app.id);
    const licenses = await this.stats.licenseCounts(app.id);
    const perDay = await this.stats.perDay(app.id);
    return { users, licenses, perDay };
  }

  /** Where the app's users sign in from: logins per country over the last `days` days. */
  async countriesForApp(sellerId: string, publicId: string, days: number): Promise<CountryLogins[]> {
    const app = await this.apps.findOwned(sellerId, publicId);
    return this.stats.loginsByCountry(app.id, days);
  }
}
