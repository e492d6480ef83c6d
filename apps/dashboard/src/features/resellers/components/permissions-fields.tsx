import type { FormErrors, GetInputPropsReturnType } from '@mantine/form';
import { MultiSelect, TagsInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Permissions, PriceRow } from '../schemas';
import { PricesEditor } from './prices-editor';

/**
 * The seller's apps as these screens offer them. The resellers feature does not load apps itself
 * (that is the apps feature's query): the route passes them in (app/routes).
 */
export interface AppChoices {
  options: Array<{ value: string; label: string }>;
  isPending: boolean;
  isError: boolean;
}

/** The part of a form these fields use: any form whose values include the permissions. */
interface PermissionsForm {
  values: Permissions;
  errors: FormErrors;
  /** Mantine types `error` as `any`; it is the field's error message (a FormErrors value). */
  getInputProps: (path: 'appIds' | 'subscriptions') => Omit<GetInputPropsReturnType, 'error'> & { error?: ReactNode };
  setFieldValue: (path: 'prices', rows: PriceRow[]) => void;
}

/** What a reseller may sell: which apps, which subscriptions, which durations at which price. */
export function PermissionsFields({ form, apps }: { form: PermissionsForm; apps: AppChoices }) {
  const { errors } = form;
  // A row's problem: the form's own check (on the row), or the API's (on one of its fields).
  const rowError = (index: number) =>
    errors[`prices.${index}`] ?? errors[`prices.${index}.durationDays`] ?? errors[`prices.${index}.credits`];
  const appIds = form.getInputProps('appIds');
  return (
    <>
      <MultiSelect
        label="Apps"
        description="The apps this reseller may sell keys for"
        placeholder={apps.isPending ? 'Loading apps…' : 'Pick apps'}
        data={apps.options}
        {...appIds}
        error={appIds.error ?? (apps.isError ? 'Could not load your apps' : undefined)}
        searchable
        clearable
        comboboxProps={{ withinPortal: true }}
      />
      <TagsInput
        label="Subscriptions"
        description="The levels they may put on a key, e.g. premium"
        placeholder="Type and press Enter"
        {...form.getInputProps('subscriptions')}
        clearable
      />
      <PricesEditor
        value={form.values.prices}
        onChange={(rows) => form.setFieldValue('prices', rows)}
        rowErrors={form.values.prices.map((_, index) => rowError(index))}
        error={errors.prices}
      />
    </>
  );
}
