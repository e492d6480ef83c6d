import { Checkbox, Skeleton, Table, VisuallyHidden } from '@mantine/core';
import type { RowSelection } from '@/hooks/use-row-selection';

/** A header cell: its label, or the label and how it aligns. */
export type TableColumn = string | { label: string; align: 'right' };

interface DataTableFrameProps {
  /** the table's accessible name ("Users", "Loading users") */
  label: string;
  /** below this width the table scrolls sideways instead of squeezing */
  minWidth: number;
  /** the header cells, in order */
  columns: readonly TableColumn[];
  /** a last, narrow column for each row's action menu (labelled for screen readers only) */
  actions?: boolean;
  /** fade the rows while a new page loads (placeholder data) */
  dim?: boolean;
  /** a first column of checkboxes (its header one selects the page); rows draw theirs with SelectCell */
  selection?: RowSelection;
  children: React.ReactNode;
}

/** The scroll container and `kh-table` every list page draws its rows in. */
export function DataTableFrame({ label, minWidth, columns, actions, dim, selection, children }: DataTableFrameProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table
        className="kh-table"
        verticalSpacing="sm"
        horizontalSpacing="md"
        highlightOnHover
        aria-label={label}
        style={dim === undefined ? undefined : { opacity: dim ? 0.6 : 1, transition: 'opacity 120ms' }}
      >
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Select every row of this page"
                  checked={selection.pageState === 'all'}
                  indeterminate={selection.pageState === 'some'}
                  onChange={() => selection.togglePage()}
                />
              </Table.Th>
            )}
            {columns.map((c) =>
              typeof c === 'string' ? (
                <Table.Th key={c}>{c}</Table.Th>
              ) : (
                <Table.Th key={c.label} ta={c.align}>
                  {c.label}
                </Table.Th>
              ),
            )}
            {actions && (
              <Table.Th w={48}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}

/** Placeholder rows while a list loads: one skeleton bar per column, of the given widths. */
export function TableSkeletonBody({ widths, rows = 3 }: { widths: readonly number[]; rows?: number }) {
  return (
    <Table.Tbody aria-busy>
      {Array.from({ length: rows }, (_, i) => (
        <Table.Tr key={i}>
          {widths.map((w, j) => (
            <Table.Td key={j}>
              <Skeleton h={14} w={w} />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </Table.Tbody>
  );
}

/** A row's checkbox, for a table drawn with `selection`. */
export function SelectCell({ selection, id, name }: { selection: RowSelection; id: string; name: string }) {
  return (
    <Table.Td>
      <Checkbox aria-label={`Select ${name}`} checked={selection.isSelected(id)} onChange={() => selection.toggle(id)} />
    </Table.Td>
  );
}
