/**
 * Automatic mapping: a suggested field path per column, with a confidence and a reason.
 *
 * It reads the values, not only the header: a column with no value in the rows looked at is never
 * suggested (so a filled column always wins over an empty one), values decide between candidates
 * and drop guesses they contradict (a relative `/services/images/photo/…` is not an avatar_url),
 * phones are told apart by kind (a business `Phone` is not the mobile) and address columns are
 * taken as groups (`Mailing*` filled → `addresses`). It never suggests a mapping that cannot be
 * sent: a repeated header is left unmapped, each field goes to one column only, and an address
 * only with the four parts Omneo requires together.
 */
import type { ColumnInfo } from '../source/source-table';
import { parseFieldPath, targetKey } from '../fields/field-path';
import { describeColumn, unmappedColumn, type ColumnMapping } from './column-mapping';
import {
  decideAddresses,
  decidePhones,
  type AddressColumn,
  type GroupDecision,
  type PhoneColumn,
} from './column-groups';
import { isEmptyColumn, profileColumn, type ColumnValues } from './column-values';
import { headerRole } from './header-roles';
import { exportContext, plainHeader } from './export-context';
import { matchHeader, type HeaderMatch } from './header-match';
import { checkValues } from './value-fit';
import { phoneTypeRole } from './phone-type-column';

export { addressTogetherReason } from './column-groups';
export { doubtfulExactConfidence } from './value-fit';

/** Options for {@link suggestMapping}. */
export interface SuggestOptions {
  /** ISO 3166-1 alpha-2 region for national phone numbers in the samples (`AU`), or null. */
  readonly phoneRegion?: string | null;
}

interface Candidate {
  readonly column: ColumnInfo;
  readonly match: HeaderMatch;
  readonly key: string;
  readonly filled: number;
}

/** Columns whose (trimmed, case-insensitive) header appears more than once, by column index. */
function repeatedHeaders(columns: readonly ColumnInfo[]): Map<number, ColumnInfo[]> {
  const groups = new Map<string, ColumnInfo[]>();
  for (const c of columns) {
    const h = c.header.trim().toLowerCase();
    if (h === '') continue;
    groups.set(h, [...(groups.get(h) ?? []), c]);
  }
  const repeated = new Map<number, ColumnInfo[]>();
  for (const group of groups.values())
    if (group.length > 1) for (const c of group) repeated.set(c.index, group);
  return repeated;
}

/**
 * Suggests a target per column from its header and its first values.
 *
 * `samples` are the first data rows, cells in column order (none: headers alone decide). Returns
 * one {@link ColumnMapping} per column in column order, `source: 'auto'` when mapped and `'none'`
 * (with a reason) when not. Rules: see the module doc; each target goes to one column (highest
 * confidence, then most filled, then leftmost), the others saying which column has it;
 * `birth_date` wins over separate `birth_day`/`birth_month`/`birth_year`.
 */
export function suggestMapping(
  columns: readonly ColumnInfo[],
  samples: readonly (readonly string[])[] = [],
  options: SuggestOptions = {},
): ColumnMapping[] {
  const repeated = repeatedHeaders(columns);
  const result = new Map<number, ColumnMapping>();
  const candidates: Candidate[] = [];
  const phones: PhoneColumn[] = [];
  const addresses: AddressColumn[] = [];
  const valuesOf = new Map<number, ColumnValues>(
    columns.map((c) => [
      c.index,
      profileColumn(
        samples.map((row) => row[c.index] ?? ''),
        options.phoneRegion ?? null,
      ),
    ]),
  );
  const context = exportContext(columns, (index) => (valuesOf.get(index)?.filled ?? 0) > 0);

  for (const column of columns) {
    const group = repeated.get(column.index);
    const values = valuesOf.get(column.index)!;
    const leave = (reason: string) => result.set(column.index, unmappedColumn(column, reason));
    if (column.header.trim() === '') {
      leave('the column has no header');
      continue;
    }
    if (group !== undefined) {
      const where = group.map((c) => c.letter).join(' and ');
      leave(
        `header '${column.header.trim()}' repeats in columns ${where}: map each by hand (col:${group[0]?.letter ?? ''} …)`,
      );
      continue;
    }
    if (isEmptyColumn(values)) {
      leave(`empty in the first ${values.rows} rows: nothing to import from it`);
      continue;
    }
    const rule = context.get(column.index);
    if (rule?.kind === 'leave') {
      leave(rule.reason);
      continue;
    }
    const header = plainHeader(column.header);
    const role = rule === undefined ? headerRole(header) : null;
    if (role?.kind === 'not-imported' || role?.kind === 'opt-out') {
      leave(`'${column.header.trim()}' is ${role.reason}`);
      continue;
    }
    if (role?.kind === 'address') {
      addresses.push({ column, group: role.group, part: role.part, values });
      continue;
    }
    if (role?.kind === 'phone') {
      const typed = phoneTypeRole(column, columns, samples);
      phones.push({
        column,
        role: typed?.role ?? role.role,
        group: role.group,
        values,
        roleNote: typed?.note,
      });
      continue;
    }
    const match: HeaderMatch | null =
      rule?.kind === 'match'
        ? rule.match
        : role?.kind === 'field'
          ? {
              target: role.target,
              confidence: role.confidence,
              reason: `header '${column.header.trim()}' is ${role.note}`,
            }
          : matchHeader(header);
    if (match !== null && match.target.startsWith('addresses.') && !match.target.includes(':')) {
      const part = match.target.slice('addresses.'.length) as AddressColumn['part'];
      addresses.push({ column, group: '', part, values });
      continue;
    }
    if (match?.target === 'mobile_phone' || match?.target === 'secondary_phone') {
      phones.push({ column, role: match.target === 'mobile_phone' ? 'generic' : 'other', group: '', values });
      continue;
    }
    const checked = checkValues(match, values);
    if (checked === null || typeof checked === 'string') {
      leave(checked ?? `no Omneo field matches header '${column.header.trim()}'`);
      continue;
    }
    const parsed = parseFieldPath(checked.target);
    if (!parsed.ok) throw new Error(`catalogue path ${checked.target} does not parse: ${parsed.message}`);
    candidates.push({ column, match: checked, key: targetKey(parsed.target), filled: values.filled });
  }

  const decided: GroupDecision[] = [...decidePhones(phones), ...decideAddresses(addresses)];
  for (const d of decided) {
    if (d.target === null) {
      result.set(d.column.index, unmappedColumn(d.column, d.reason));
      continue;
    }
    const parsed = parseFieldPath(d.target);
    if (!parsed.ok) throw new Error(`group path ${d.target} does not parse: ${parsed.message}`);
    candidates.push({
      column: d.column,
      match: { target: d.target, confidence: d.confidence, reason: d.reason },
      key: targetKey(parsed.target),
      filled: valuesOf.get(d.column.index)?.filled ?? 0,
    });
  }

  candidates.sort(
    (a, b) =>
      b.match.confidence - a.match.confidence || b.filled - a.filled || a.column.index - b.column.index,
  );
  const winners = new Map<string, Candidate>();
  for (const c of candidates) {
    const winner = winners.get(c.key);
    if (winner === undefined) {
      winners.set(c.key, c);
      continue;
    }
    result.set(
      c.column.index,
      unmappedColumn(c.column, `${c.match.target} is already mapped from ${describeColumn(winner.column)}`),
    );
  }

  const birthDate = winners.get('birth_date');
  for (const [key, c] of winners) {
    const overlap = birthDate !== undefined && ['birth_day', 'birth_month', 'birth_year'].includes(key);
    result.set(
      c.column.index,
      overlap
        ? unmappedColumn(
            c.column,
            `${describeColumn(birthDate.column)} already gives birth_day, birth_month and birth_year`,
          )
        : {
            column: c.column.index,
            letter: c.column.letter,
            header: c.column.header,
            target: c.match.target,
            confidence: c.match.confidence,
            source: 'auto',
            reason: c.match.reason,
          },
    );
  }
  return columns.map((c) => result.get(c.index) ?? unmappedColumn(c, 'not matched'));
}
