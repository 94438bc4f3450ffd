/**
 * Find and replace within one column of every row, as one undo step: main edits each matching
 * cell and re-checks its row (`rows:bulk` `replace`).
 */
import { useId, useState } from 'react';
import type { ReviewColumn } from './column-layout';
import type { GridModel } from './grid-model';

/** The form; `onDone` gets what it did, in words. Escape closes it. */
export function FindReplace(props: {
  readonly model: GridModel;
  readonly columns: readonly ReviewColumn[];
  readonly onDone: (message: string) => void;
  readonly onClose: () => void;
}) {
  const { model, columns, onDone, onClose } = props;
  const id = useId();
  const [column, setColumn] = useState(columns[0]?.index ?? 0);
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [wholeCell, setWholeCell] = useState(false);
  const name = columns.find((c) => c.index === column);
  return (
    <form
      className="find-replace"
      aria-label="Find and replace in a column"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (find === '') return;
        void model.bulk({ kind: 'replace', column, find, replace, matchCase, wholeCell }).then((changed) => {
          if (changed === null) return;
          const where = name ? `column ${name.letter} (${name.header})` : 'the column';
          onDone(
            changed === 0
              ? `No cell in ${where} holds '${find}'.`
              : `Replaced in ${changed.toLocaleString()} ${changed === 1 ? 'cell' : 'cells'} of ${where}. Undo takes it back.`,
          );
        });
      }}
    >
      <span className="inline">
        <label htmlFor={`${id}-column`}>In column</label>
        <select id={`${id}-column`} value={column} onChange={(e) => setColumn(Number(e.target.value))}>
          {columns.map((c) => (
            <option key={c.index} value={c.index}>{`${c.letter} ${c.header}`}</option>
          ))}
        </select>
      </span>
      <span className="inline">
        <label htmlFor={`${id}-find`}>Find</label>
        <input id={`${id}-find`} autoFocus value={find} onChange={(e) => setFind(e.target.value)} />
      </span>
      <span className="inline">
        <label htmlFor={`${id}-replace`}>Replace with</label>
        <input id={`${id}-replace`} value={replace} onChange={(e) => setReplace(e.target.value)} />
      </span>
      <label className="choice">
        <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} />
        Match case
      </label>
      <label className="choice">
        <input type="checkbox" checked={wholeCell} onChange={(e) => setWholeCell(e.target.checked)} />
        Whole cell only
      </label>
      <button type="submit" disabled={find === '' || model.busy}>
        Replace all
      </button>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </form>
  );
}
