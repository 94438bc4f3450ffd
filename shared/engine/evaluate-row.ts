/**
 * Checks one data row against a compiled plan: the profile it would send, its match key, and
 * every problem named by line, column and target.
 *
 * A pure function of the row, the plan and the columns' date orders, so it runs the same in the
 * CLI, the app and a worker thread; everything that depends on other rows (duplicates, repeated
 * phones, batches) is the accumulator's job.
 */
import { possibleDateOrders, type DateOrder } from '../normalise/dates';
import type { NormaliseNote } from '../normalise/result';
import { cleanText } from '../normalise/text';
import { profileSchema } from '../omneo/profile-schema';
import { cellProblem } from '../source/cell-limits';
import { columnLetter, type SourceRow } from '../source/source-table';
import type { RowEvaluation } from './check-result';
import type { CheckPlan, CompiledColumn } from './compile-mapping';
import type { Issue } from './issue';
import { ProfileDraft } from './profile-draft';
import { regionNote, rowRegionOf } from './row-region';

/**
 * A date column's order for this check. `unresolved` says why `order` is null: the column's values
 * all fit both day-first and month-first (`ambiguous`), or some fit only one and some only the other
 * (`conflict`). Either way, rows whose value depends on the order are not sent.
 */
export interface DateColumnState {
  readonly order: DateOrder | null;
  readonly unresolved: 'ambiguous' | 'conflict' | null;
}

/** Date state per column index (undefined for columns that hold no dates). */
export type ColumnDateStates = readonly (DateColumnState | undefined)[];

/** Printable ASCII with no space at either end: `cleanText` returns it unchanged, so skip the call. */
const PLAIN_ASCII = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** Every character `cleanText` trims, for the blank-row test. */
const BLANK = /^[\s\u200b-\u200d\u2060\ufeff]*$/;

/** True when every cell is empty after trimming (a delimiter-only row too): the row is `blank`. */
export function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== '' && !BLANK.test(cell)) return false;
  return true;
}

function where(line: number, column: CompiledColumn): string {
  return `Line ${line}, column ${column.letter} '${column.header}' (${column.path})`;
}

function cellIssue(
  severity: Issue['severity'],
  line: number,
  column: CompiledColumn,
  code: string,
  message: string,
): Issue {
  return {
    severity,
    line,
    column: column.header,
    letter: column.letter,
    target: column.path,
    code,
    message: `${where(line, column)}: ${message}`,
  };
}

function rowIssue(severity: Issue['severity'], line: number, code: string, message: string): Issue {
  return {
    severity,
    line,
    column: null,
    letter: null,
    target: null,
    code,
    message: `Line ${line}: ${message}`,
  };
}

/**
 * The issue for an order-dependent date in a column whose order is unresolved.
 *
 * In an ambiguous column (every date fits both orders) the code is `date-order-ambiguous`. In a
 * column that mixes orders (some dates only fit day-first, others only month-first) each row says
 * which kind its own value is — `date-day-first-in-mixed-column`, `date-month-first-in-mixed-column`,
 * or `date-order-conflict` for a value that fits both — so the problem list names example lines of
 * each order. Once the user picks an order, values that fit it are sent and the others are errors.
 */
function unresolvedDateIssue(
  line: number,
  column: CompiledColumn,
  state: DateColumnState,
  text: string,
): Issue {
  const choose =
    "choose the column's order (--date-order dmy or mdy): dates that fit it are sent, the others become errors";
  if (state.unresolved !== 'conflict') {
    return cellIssue(
      'error',
      line,
      column,
      'date-order-ambiguous',
      `'${text}' could be day/month or month/day and every date in the column fits both; choose a date order (--date-order dmy or mdy) to send it`,
    );
  }
  const orders = possibleDateOrders(text);
  const dayFirst = orders.includes('dmy');
  const monthFirst = orders.includes('mdy');
  if (dayFirst && !monthFirst) {
    return cellIssue(
      'error',
      line,
      column,
      'date-day-first-in-mixed-column',
      `'${text}' can only be day-first, but the column also has dates that can only be month-first, so its order is unclear; ${choose}`,
    );
  }
  if (monthFirst && !dayFirst) {
    return cellIssue(
      'error',
      line,
      column,
      'date-month-first-in-mixed-column',
      `'${text}' can only be month-first, but the column also has dates that can only be day-first, so its order is unclear; ${choose}`,
    );
  }
  return cellIssue(
    'error',
    line,
    column,
    'date-order-conflict',
    `'${text}' could be day/month or month/day, and the column mixes day-first and month-first dates; ${choose}`,
  );
}

/**
 * Evaluates one row.
 *
 * - Blank (every cell empty after trimming, including delimiter-only rows) → `blank`, no issues.
 * - More cells than the header → row error `ragged-row` ("6 fields, header has 5"); nothing is
 *   shifted or guessed. Fewer → warning `ragged-row-short`, the missing cells read as empty.
 * - A mapped cell longer than a cell may be, or with a reader's note (bytes invalid in the
 *   encoding, digits Excel lost), gets that problem first (`cellProblem`); an error skips the cell.
 * - Each mapped cell: cleaned (warnings for invisible characters), put through the column's value
 *   map (a value mapped to nothing is left out), converted by its target; empty cells are left
 *   out. A phone is read with the row's region from its country column when there is one
 *   (row-region.ts), else the default region; its errors then say which region read it. A failure is a row error naming line, column, target and the reason; with
 *   `onInvalidValue: 'drop'` a bad optional value is left out with a warning instead (never the
 *   match key). Literal text that looks like a formula is sent as text with warning `formula-like`.
 * - No match key → row error `match-key-missing`. Profiles with `:json` fields are checked with the
 *   profile schema as a safety net (the converters guarantee the shape of everything else).
 */
export function evaluateRow(row: SourceRow, plan: CheckPlan, dateStates: ColumnDateStates): RowEvaluation {
  const { line, cells } = row;
  if (isBlank(cells)) return { line, status: 'blank', profile: null, matchKey: null, issues: [] };
  if (cells.length > plan.columnCount) {
    const issue = rowIssue(
      'error',
      line,
      'ragged-row',
      `${cells.length} fields, header has ${plan.columnCount}; check for an unquoted delimiter in a value — the row is not sent rather than shifted into the wrong columns`,
    );
    return { line, status: 'invalid', profile: null, matchKey: null, issues: [issue] };
  }
  const issues: Issue[] = [];
  if ((row.width ?? cells.length) < plan.columnCount) {
    issues.push(
      rowIssue(
        'warning',
        line,
        'ragged-row-short',
        `${cells.length} fields, header has ${plan.columnCount}; the missing cells are read as empty`,
      ),
    );
  }

  const draft = new ProfileDraft();
  const region = rowRegionOf(cells, plan.regionColumn);
  let errors = 0;
  let matchColumnFailed = false;
  let hasJson = false;
  for (const column of plan.columns) {
    const raw = cells[column.index];
    if (raw === undefined || raw === '') continue;
    const problem = cellProblem(row, column.index, raw);
    if (problem !== null) {
      issues.push(cellIssue(problem.severity, line, column, problem.code, problem.message));
      if (problem.severity === 'error') {
        errors += 1;
        if (column.isMatchKey) matchColumnFailed = true;
        continue;
      }
    }
    let text = raw;
    if (!PLAIN_ASCII.test(raw)) {
      const cleaned = cleanText(raw);
      for (const note of cleaned.notes) issues.push(noteIssue(line, column, note));
      text = cleaned.value;
      if (text === '') continue;
    }
    if (column.mapValue !== null) {
      const mapped = column.mapValue(text);
      if (mapped === null) continue;
      text = mapped;
    }
    const state = column.converter.dated ? dateStates[column.index] : undefined;
    const regional = column.regional && region !== null;
    const result = column.converter.convert(
      text,
      state?.order ?? plan.options.dateOrder,
      regional ? region.code : undefined,
    );
    if (!result.ok) {
      const message = regional ? `${result.message} (${regionNote(region)})` : result.message;
      const orderDependent = state?.unresolved != null && dependsOnOrder(text);
      if (column.isMatchKey || plan.options.onInvalidValue === 'reject' || orderDependent) {
        issues.push(
          orderDependent && state
            ? unresolvedDateIssue(line, column, state, text)
            : cellIssue('error', line, column, result.code, message),
        );
        errors += 1;
        if (column.isMatchKey) matchColumnFailed = true;
      } else {
        issues.push(
          cellIssue('warning', line, column, 'value-dropped', `${message}; left out of the profile`),
        );
      }
      continue;
    }
    if (state?.unresolved === 'conflict' && dependsOnOrder(text)) {
      issues.push(unresolvedDateIssue(line, column, state, text));
      errors += 1;
      continue;
    }
    for (const note of result.warnings) issues.push(noteIssue(line, column, note));
    if (column.converter.formulaLike(result.value)) {
      issues.push(
        cellIssue(
          'warning',
          line,
          column,
          'formula-like',
          `'${text}' starts like a spreadsheet formula; it is sent as literal text and never evaluated`,
        ),
      );
    }
    if (column.target.kind === 'json') hasJson = true;
    column.converter.write(draft, result.value);
  }

  for (const gap of draft.incompleteAddresses()) {
    const which = gap.index === 0 ? 'the address' : `address ${gap.index + 1}`;
    const message = `${which} is missing ${gap.missing.join(', ')}; Omneo needs address_line_1, city, postcode and country together`;
    if (plan.options.onInvalidValue === 'drop') {
      const target = gap.index === 0 ? 'addresses' : `addresses[${gap.index + 1}]`;
      issues.push({
        ...rowIssue('warning', line, 'address-incomplete', `${message}; the address is left out`),
        target,
      });
      draft.dropAddress(gap.index);
    } else {
      issues.push(rowIssue('error', line, 'address-incomplete', message));
      errors += 1;
    }
  }

  if (row.notes !== undefined) issues.push(...unmappedInvalidBytes(row, plan));

  const profile = draft.finish();
  const matchKey = matchKeyOf(profile, plan.match);
  if (matchKey === null && !matchColumnFailed) {
    issues.push(matchKeyMissing(line, plan));
    errors += 1;
  }
  if (errors === 0 && hasJson) {
    const checked = profileSchema.safeParse(profile);
    if (!checked.success) {
      const first = checked.error.issues[0];
      issues.push(
        rowIssue(
          'error',
          line,
          'profile-invalid',
          `the profile does not fit Omneo's schema at ${first?.path.join('.') ?? '?'}: ${first?.message ?? 'invalid'}`,
        ),
      );
      errors += 1;
    }
  }
  if (errors > 0) return { line, status: 'invalid', profile: null, matchKey, issues };
  if (plan.match !== 'email' && profile.email === undefined)
    issues.push(emailMissingCreate(line, plan.match));
  return { line, status: 'valid', profile, matchKey, issues };
}

/**
 * Warnings for cells with bytes invalid in the file's encoding in columns that are not mapped:
 * nothing of them is sent, but the line is named so the file can be corrected.
 */
function unmappedInvalidBytes(row: SourceRow, plan: CheckPlan): Issue[] {
  const issues: Issue[] = [];
  for (const note of row.notes ?? []) {
    if (note.code !== 'encoding-invalid-bytes' || row.cells[note.column] !== note.text) continue;
    if (plan.columns.some((c) => c.index === note.column)) continue;
    issues.push({
      severity: 'warning',
      line: row.line,
      column: null,
      letter: columnLetter(note.column),
      target: null,
      code: 'encoding-invalid-bytes-not-imported',
      message: `Line ${row.line}, column ${columnLetter(note.column)} (not imported): ${note.message}`,
    });
  }
  return issues;
}

function dependsOnOrder(text: string): boolean {
  const orders = possibleDateOrders(text);
  return orders.includes('dmy') || orders.includes('mdy');
}

function noteIssue(line: number, column: CompiledColumn, note: NormaliseNote): Issue {
  return cellIssue('warning', line, column, note.code, note.message);
}

/** The row's match key: its email, or the identifier of its identity with the match handle. */
function matchKeyOf(profile: Record<string, unknown>, match: string): string | null {
  if (match === 'email') return typeof profile.email === 'string' ? profile.email : null;
  const identities = profile.identities;
  if (!Array.isArray(identities)) return null;
  for (const identity of identities as { handle?: unknown; identifier?: unknown }[]) {
    if (identity.handle === match && typeof identity.identifier === 'string' && identity.identifier !== '') {
      return identity.identifier;
    }
  }
  return null;
}

/**
 * Warning for a row matched on an identity but with no email: Omneo needs an email to create a
 * profile (omneo-api.md: "required to create a profile"), and whether the identity already exists
 * cannot be known before sending — so the row is sent, and fails at Omneo if it is new.
 */
function emailMissingCreate(line: number, match: string): Issue {
  return rowIssue(
    'warning',
    line,
    'email-missing-create',
    `no email: Omneo can update an existing profile matched by ${match}, but cannot create one without an email`,
  );
}

function matchKeyMissing(line: number, plan: CheckPlan): Issue {
  const what = plan.match === 'email' ? 'no email' : `no ${plan.match} identity`;
  const message = `${what}; the match criteria is ${plan.match}, so this row cannot be matched or created`;
  const column = plan.matchColumn;
  if (column === null) return rowIssue('error', line, 'match-key-missing', message);
  return cellIssue('error', line, column, 'match-key-missing', message);
}
