/**
 * Columns that are decided together rather than one by one: the phones (which is the mobile,
 * which the second phone) and the address groups (which filled group is `addresses`, which
 * `addresses[2]`).
 *
 * Both read the values: an empty column is never chosen, so the empty `OtherStreet…OtherCountry`
 * of a Salesforce export never takes the address from the filled `Mailing*` columns, and the
 * empty `OtherPhone` never takes secondary_phone from a filled `HomePhone`.
 */
import { requiredAddressPartNames } from '../fields/field-catalogue';
import type { AddressPart } from '../fields/field-target';
import type { ColumnInfo } from '../source/source-table';
import { describeColumn } from './column-mapping';
import type { ColumnValues } from './column-values';
import type { PhoneRole } from './header-roles';

/** A column's decided target (null: not imported) with its confidence and reason. */
export interface GroupDecision {
  readonly column: ColumnInfo;
  readonly target: string | null;
  readonly confidence: number;
  readonly reason: string;
}

/** A phone column with the kind of line its header (or a sibling type column) names. */
export interface PhoneColumn {
  readonly column: ColumnInfo;
  readonly role: PhoneRole;
  readonly group: string;
  readonly values: ColumnValues;
  /** Why the role is what it is, when not from the header's words (`Phone 1 - Type` says Mobile). */
  readonly roleNote?: string;
}

/** An address part column and the group its header puts it in (`''` for no prefix). */
export interface AddressColumn {
  readonly column: ColumnInfo;
  readonly group: string;
  readonly part: AddressPart;
  readonly values: ColumnValues;
}

/** Reason given to address parts dropped because the other required parts are missing. */
export const addressTogetherReason = 'Omneo needs address line 1, city, postcode and country together';

const roleWords: Readonly<Record<PhoneRole, string>> = {
  mobile: 'a mobile',
  generic: 'a phone of unstated kind',
  home: 'a home phone',
  work: 'a business line',
  other: 'another phone',
};

/** Order in which the second phone is taken, after the mobile. */
const secondaryOrder: readonly PhoneRole[] = ['mobile', 'home', 'generic', 'other', 'work'];

/**
 * Decides the phone columns: mobile_phone from a mobile column, else from a phone of unstated
 * kind whose numbers are not landlines; secondary_phone from the next (home, unstated, other,
 * business) — never a business line as the mobile. Empty columns are never chosen; the rest say why.
 */
export function decidePhones(phones: readonly PhoneColumn[]): GroupDecision[] {
  const usable = phones.filter((p) => p.values.rows === 0 || p.values.filled > 0);
  const ranked = [...usable].sort(
    (a, b) => Number(a.group !== '') - Number(b.group !== '') || a.column.index - b.column.index,
  );
  const decided = new Map<number, GroupDecision>();
  const take = (p: PhoneColumn, target: string, confidence: number, why: string): void => {
    decided.set(p.column.index, { column: p.column, target, confidence, reason: why });
  };
  const describe = (p: PhoneColumn): string => p.roleNote ?? `header names ${roleWords[p.role]}`;
  const mobile = ranked.find((p) => p.role === 'mobile');
  const landline = (p: PhoneColumn): boolean => (p.values.landline ?? 0) >= 0.5;
  const generic = ranked.find((p) => p.role === 'generic' && !landline(p));
  if (mobile !== undefined) take(mobile, 'mobile_phone', 0.95, describe(mobile));
  else if (generic !== undefined) {
    take(
      generic,
      'mobile_phone',
      0.8,
      `${describe(generic)}, taken as the mobile since no column says mobile — check it`,
    );
  }
  for (const role of secondaryOrder) {
    const second = ranked.find((p) => p.role === role && !decided.has(p.column.index));
    if (second === undefined) continue;
    take(second, 'secondary_phone', role === 'work' ? 0.7 : 0.85, `${describe(second)}, as the second phone`);
    break;
  }
  const chosen = [...decided.values()];
  return phones.map((p) => {
    const d = decided.get(p.column.index);
    if (d !== undefined) return d;
    const empty = p.values.rows > 0 && p.values.filled === 0;
    const taken = chosen.map((c) => `${c.target} is from ${describeColumn(c.column)}`).join(' and ');
    return {
      column: p.column,
      target: null,
      confidence: 0,
      reason: empty
        ? `empty in the first ${p.values.rows} rows`
        : chosen.length === 0
          ? `${describe(p)}: its numbers are landlines, not a mobile — map it to secondary_phone by hand if wanted`
          : `${describe(p)}; ${taken} (Omneo keeps two phones)`,
    };
  });
}

/** Group names taken first as the main address (`Mailing*` before `Other*`). */
const mainGroups = new Set([
  '',
  'default address',
  'primary address',
  'address 1',
  'mailing',
  'billing',
  'bill',
  'home',
  'postal',
  'residential',
  'physical',
  'primary',
]);

const pathOf = (index: number, part: AddressPart): string =>
  index === 0 ? `addresses.${part}` : `addresses[${index + 1}].${part}`;

/**
 * Decides the address columns: each group with all four required parts filled becomes an address,
 * main groups first (`Mailing`, `Billing`, no prefix), then by column order; at most two. A part
 * whose values are not what it names (a country column of non-countries) is not used.
 */
export function decideAddresses(columns: readonly AddressColumn[]): GroupDecision[] {
  const decided = new Map<number, GroupDecision>();
  const leave = (c: AddressColumn, reason: string): void => {
    decided.set(c.column.index, { column: c.column, target: null, confidence: 0, reason });
  };
  const groups = new Map<string, Map<AddressPart, AddressColumn>>();
  for (const c of columns) {
    if (c.values.rows > 0 && c.values.filled === 0) {
      leave(c, `empty in the first ${c.values.rows} rows`);
      continue;
    }
    if (c.part === 'country' && (c.values.country ?? 1) < 0.5) {
      leave(c, 'its values are not country names or codes');
      continue;
    }
    const parts = groups.get(c.group) ?? new Map<AddressPart, AddressColumn>();
    const earlier = parts.get(c.part);
    if (earlier !== undefined) {
      leave(c, `${describeColumn(earlier.column)} already gives this address's ${c.part}`);
      continue;
    }
    groups.set(c.group, parts.set(c.part, c));
  }
  const complete = [...groups]
    .filter(([, parts]) => requiredAddressPartNames.every((p) => parts.has(p)))
    .sort(
      ([ga, pa], [gb, pb]) =>
        Number(!mainGroups.has(ga)) - Number(!mainGroups.has(gb)) ||
        Math.min(...[...pa.values()].map((c) => c.column.index)) -
          Math.min(...[...pb.values()].map((c) => c.column.index)),
    );
  complete.forEach(([group, parts], index) => {
    for (const c of parts.values()) {
      if (index > 1) {
        leave(c, 'a third address group: only two are suggested — map it by hand as addresses[3]');
        continue;
      }
      const name = group === '' ? 'the address' : `the ${group} address`;
      decided.set(c.column.index, {
        column: c.column,
        target: pathOf(index, c.part),
        confidence: 0.9,
        reason: `${c.part.replaceAll('_', ' ')} of ${name}${index === 1 ? ' (the second filled address)' : ''}`,
      });
    }
  });
  for (const c of columns) if (!decided.has(c.column.index)) leave(c, addressTogetherReason);
  return columns.map((c) => decided.get(c.column.index)!);
}
