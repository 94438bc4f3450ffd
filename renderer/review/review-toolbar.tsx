/**
 * The controls above the review table: which rows to show (filters with their row counts), search,
 * sort and go-to-line; undo and redo; skipping the selected rows at once; find and replace within a
 * column; and the problems export.
 */
import { useEffect, useId, useState } from 'react';
import type { CheckSummary, CompareFilter, GridModel, RowFilter, RowSort } from './grid-model';
import type { ReviewColumn } from './column-layout';
import { FindReplace } from './find-replace';

const filters: readonly { readonly id: RowFilter; readonly label: string }[] = [
  { id: 'all', label: 'All rows' },
  { id: 'errors', label: 'Errors' },
  { id: 'warnings', label: 'Warnings' },
  { id: 'duplicates', label: 'Duplicates' },
  { id: 'skipped', label: 'Skipped' },
];

const compareFilters: readonly { readonly id: CompareFilter; readonly label: string }[] = [
  { id: 'create', label: 'Will create' },
  { id: 'update', label: 'Will update' },
  { id: 'conflict', label: 'Conflict' },
];

/** Rows each filter lists, from the summary (all in rows, like the summary line). */
function filterCount(summary: CheckSummary | null, id: RowFilter): string {
  if (!summary) return '';
  const count = {
    all: summary.rows,
    errors: summary.invalid,
    warnings: summary.warningRows,
    duplicates: summary.duplicate,
    skipped: summary.skipped,
  }[id];
  return ` (${count.toLocaleString()})`;
}

/** A sort choice as the sort list's option value: `line`, `line-desc`, `3`, `3-desc`. */
function sortValue(sort: RowSort): string {
  if (!sort) return 'line';
  return `${sort.by}${sort.descending ? '-desc' : ''}`;
}

function sortOf(value: string): RowSort {
  const descending = value.endsWith('-desc');
  const by = value.replace(/-desc$/, '');
  if (by === 'line' && !descending) return undefined;
  return { by: by === 'line' ? 'line' : Number(by), descending };
}

/** The toolbar. `onStatus` gets a sentence for the page's live region. */
export function ReviewToolbar(props: {
  readonly model: GridModel;
  readonly summary: CheckSummary | null;
  readonly columns: readonly ReviewColumn[];
  readonly onGoToLine: (line: number) => void;
  readonly onExport: () => void;
  readonly onStatus: (message: string) => void;
  /** Preview only: the export is the whole preview (every row's status), not only the problems. */
  readonly previewOnly?: boolean;
  /** Rows per compare answer, once the rows are compared with Omneo: adds the compare filters. */
  readonly compareCounts?: Readonly<Record<CompareFilter, number>> | null;
}) {
  const { model, summary, columns, onGoToLine, onExport, onStatus, previewOnly = false } = props;
  const compareCounts = props.compareCounts ?? null;
  const id = useId();
  const [search, setSearch] = useState(model.search);
  const [line, setLine] = useState('');
  const [replacing, setReplacing] = useState(false);
  // Go-to-line can clear the search (the line was hidden by it): the field follows.
  const [applied, setApplied] = useState(model.search);
  if (applied !== model.search) {
    setApplied(model.search);
    setSearch(model.search);
  }
  // Search as the user types, once they pause.
  useEffect(() => {
    if (search === model.search) return;
    const timer = setTimeout(() => void model.setView(search, model.sort), 250);
    return () => clearTimeout(timer);
  }, [model, search]);
  const selected = model.selection.size;
  const skipSelected = async (): Promise<void> => {
    const changed = await model.bulk({ kind: 'skip', lines: [...model.selection.lines], skipped: true });
    if (changed !== null)
      onStatus(`Skipped ${changed.toLocaleString()} ${changed === 1 ? 'row' : 'rows'}. Undo takes it back.`);
  };
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Rows to show">
        {filters.map((filter) => (
          <button
            key={filter.id}
            type="button"
            aria-pressed={
              model.filter === filter.id && model.issueCode === undefined && model.compare === undefined
            }
            onClick={() => void model.setFilter(filter.id)}
          >
            {filter.label}
            {filterCount(summary, filter.id)}
          </button>
        ))}
        {compareCounts &&
          compareFilters.map((filter) => (
            <button
              key={filter.id}
              type="button"
              aria-pressed={model.compare === filter.id}
              onClick={() =>
                void model.setFilter('all', undefined, model.compare === filter.id ? undefined : filter.id)
              }
            >
              {`${filter.label} (${compareCounts[filter.id].toLocaleString()})`}
            </button>
          ))}
        <span className="spacer" />
        <button type="button" disabled={!model.canUndo} onClick={() => void model.undo()}>
          Undo
        </button>
        <button type="button" disabled={!model.canRedo} onClick={() => void model.redo()}>
          Redo
        </button>
        <button type="button" onClick={onExport}>
          {previewOnly ? 'Export report (CSV)' : 'Export rows with problems (CSV)'}
        </button>
      </div>
      <div className="toolbar find-bar">
        <span className="inline">
          <label htmlFor={`${id}-search`}>Search rows</label>
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            placeholder="Text in any cell, or a line number"
            onChange={(e) => setSearch(e.target.value)}
          />
        </span>
        <span className="inline">
          <label htmlFor={`${id}-sort`}>Sort by</label>
          <select
            id={`${id}-sort`}
            value={sortValue(model.sort)}
            onChange={(e) => void model.setView(model.search, sortOf(e.target.value))}
          >
            <option value="line">Line (file order)</option>
            <option value="line-desc">Line (last first)</option>
            {columns.flatMap((c) => [
              <option key={c.index} value={`${c.index}`}>{`${c.letter} ${c.header} (A to Z)`}</option>,
              <option
                key={`${c.index}-d`}
                value={`${c.index}-desc`}
              >{`${c.letter} ${c.header} (Z to A)`}</option>,
            ])}
          </select>
        </span>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            const wanted = Number(line);
            if (Number.isInteger(wanted) && wanted > 0) onGoToLine(wanted);
          }}
        >
          <label htmlFor={`${id}-line`}>Go to line</label>
          <input
            id={`${id}-line`}
            inputMode="numeric"
            pattern="[0-9]*"
            size={7}
            value={line}
            onChange={(e) => setLine(e.target.value.replace(/\D/g, ''))}
          />
          <button type="submit">Go</button>
        </form>
        <span className="spacer" />
        <button type="button" aria-expanded={replacing} onClick={() => setReplacing(!replacing)}>
          Find and replace…
        </button>
        {selected > 0 && (
          <>
            <button type="button" disabled={model.busy} onClick={() => void skipSelected()}>
              {`Skip ${selected.toLocaleString()} selected ${selected === 1 ? 'row' : 'rows'}`}
            </button>
            <button type="button" onClick={() => model.selection.clear()}>
              Clear selection
            </button>
          </>
        )}
      </div>
      {replacing && (
        <FindReplace model={model} columns={columns} onDone={onStatus} onClose={() => setReplacing(false)} />
      )}
    </>
  );
}
