import type { AppStatsResponse, CountryLogins } from '@keyhold/contracts';
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '@/testing/fixtures';
import { renderAppPage } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { AppOverviewPage } from './app-overview-page';
import { countryBars } from './country-logins-chart';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const stats: AppStatsResponse = {
  users: { total: 0, active: 0, expired: 0, banned: 0 },
  licenses: { total: 0, unused: 0, used: 0, expired: 0, banned: 0 },
  perDay: [],
};

beforeEach(() => {
  sdk.apps.stats.mockReset().mockResolvedValue(stats);
  sdk.apps.countryStats.mockReset();
});

function renderOverview() {
  return renderAppPage(<AppOverviewPage />, { app, section: 'overview' });
}

describe('Logins by country (app overview)', () => {
  it('asks for the last 30 days and lists each country with its logins and share, unknown addresses as Unknown', async () => {
    sdk.apps.countryStats.mockResolvedValue([
      { country: 'GB', logins: 6 },
      { country: 'US', logins: 3 },
      { country: null, logins: 1 },
    ]);
    renderOverview();
    const list = await screen.findByTestId('countries-list');
    expect(sdk.apps.countryStats).toHaveBeenCalledWith(app.id, { days: 30 });
    const rows = within(list).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual(['United Kingdom660%', 'United States330%', 'Unknown110%']);
    expect(screen.getByText('Logins by country')).toBeInTheDocument();
    expect(screen.queryByTestId('countries-empty')).not.toBeInTheDocument();
  });

  it('shows a message instead of a chart when there were no logins', async () => {
    sdk.apps.countryStats.mockResolvedValue([]);
    renderOverview();
    expect(await screen.findByTestId('countries-empty')).toHaveTextContent('No logins in the last 30 days');
    expect(screen.queryByTestId('countries-list')).not.toBeInTheDocument();
  });

  it('keeps the ten countries with most logins and sums the rest as Other', () => {
    const rows: CountryLogins[] = [
      { country: null, logins: 2 },
      ...['AR', 'BR', 'CA', 'DE', 'ES', 'FR', 'GB', 'IN', 'JP', 'KR', 'MX', 'NL'].map((country, i) => ({ country, logins: 100 - i })),
    ];
    const bars = countryBars(rows);
    expect(bars.map((b) => b.country)).toEqual(['AR', 'BR', 'CA', 'DE', 'ES', 'FR', 'GB', 'IN', 'JP', 'KR', 'Other']);
    // Other: MX (90), NL (89) and the unknown addresses (2).
    expect(bars.at(-1)).toEqual({ country: 'Other', name: 'Other countries', logins: 90 + 89 + 2 });
    expect(countryBars(rows.slice(0, 3))).toEqual([
      { country: 'AR', name: 'Argentina', logins: 100 },
      { country: 'BR', name: 'Brazil', logins: 99 },
      { country: 'Unknown', name: 'Unknown', logins: 2 },
    ]);
  });
});
