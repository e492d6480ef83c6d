import { MultiSelect, TagsInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { appsQueryOptions } from '@/features/apps/api/get-apps';
import { validatePermissions, validatePrices, type PriceRow } from '../validation';
import { PricesEditor } from './prices-editor';

export interface Permissions {
  appIds: string[];
  subscriptions: string[];
  prices: PriceRow[];
}

export interface PermissionErrors {
  appIds?: string;
  subscriptions?: string;
  prices?: string;
  priceRows?: Array<string | undefined>;
}

interface PermissionsFieldsProps {
  value: Permissions;
  onChange: (value: Permissions) => void;
  errors: PermissionErrors;
}

/** What a reseller may sell: which apps, which subscriptions, which durations at which price. */
export function PermissionsFields({ value, onChange, errors }: PermissionsFieldsProps) {
  const apps = useQuery(appsQueryOptions());
  return (
    <>
      <MultiSelect
        label="Apps"
        description="The apps this reseller may sell keys for"
        placeholder={apps.isPending ? 'Loading apps…' : 'Pick apps'}
        data={(apps.data ?? []).map((app) => ({ value: app.id, label: app.name }))}
        value={value.appIds}
        onChange={(appIds) => onChange({ ...value, appIds })}
        error={errors.appIds ?? (apps.isError ? 'Could not load your apps' : undefined)}
        searchable
        clearable
        comboboxProps={{ withinPortal: true }}
      />
      <TagsInput
        label="Subscriptions"
        description="The levels they may put on a key, e.g. premium"
        placeholder="Type and press Enter"
        value={value.subscriptions}
        onChange={(subscriptions) => onChange({ ...value, subscriptions })}
        error={errors.subscriptions}
        clearable
      />
      <PricesEditor
        value={value.prices}
        onChange={(prices) => onChange({ ...value, prices })}
        rowErrors={errors.priceRows ?? []}
        error={errors.prices}
      />
    </>
  );
}

export function checkPermissions(value: Permissions): PermissionErrors {
  const base = validatePermissions(value.appIds, value.subscriptions);
  const prices = validatePrices(value.prices);
  return { ...base, prices: prices.list, priceRows: prices.rows };
}

export function hasPermissionErrors(errors: PermissionErrors): boolean {
  return Boolean(errors.appIds || errors.subscriptions || errors.prices || errors.priceRows?.some(Boolean));
}
