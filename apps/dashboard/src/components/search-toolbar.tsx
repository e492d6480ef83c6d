import { Group, Select } from '@mantine/core';
import { SearchInput } from './search-input';

interface SearchToolbarProps {
  /** accessible name of the search box ("Search keys") */
  label: string;
  placeholder: string;
  value: string;
  onChange: (q: string) => void;
  /** more filters after the search box (a `StatusFilter`) */
  children?: React.ReactNode;
}

/** The bar above a list: a debounced search box and, optionally, filters. */
export function SearchToolbar({ label, placeholder, value, onChange, children }: SearchToolbarProps) {
  return (
    <Group className="kh-toolbar" gap="sm" wrap="wrap">
      <SearchInput label={label} placeholder={placeholder} value={value} onChange={onChange} />
      {children}
    </Group>
  );
}

interface StatusFilterProps<S extends string> {
  /** the statuses to pick from; "All statuses" is added first */
  options: readonly { value: S; label: string }[];
  value: S | undefined;
  onChange: (status: S | undefined) => void;
}

/** "All statuses" or one status; `undefined` means all. */
export function StatusFilter<S extends string>({ options, value, onChange }: StatusFilterProps<S>) {
  return (
    <Select
      aria-label="Status"
      data={[{ value: 'all', label: 'All statuses' }, ...options]}
      value={value ?? 'all'}
      onChange={(next) => onChange(next && next !== 'all' ? next : undefined)}
      allowDeselect={false}
      w={{ base: '100%', xs: 170 }}
    />
  );
}
