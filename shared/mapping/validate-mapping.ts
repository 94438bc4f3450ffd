/**
 * Checks a whole mapping before any row is read: a mapping that cannot be sent is an error up front.
 */
import type { FieldTarget } from '../fields/field-target';
import { handlePattern, parseFieldPath, profileKeyOf, targetKey } from '../fields/field-path';
import { requiredAddressPartNames } from '../fields/field-catalogue';
import { describeColumn, type ColumnMapping } from './column-mapping';

/** A fault in a mapping; `column`, `letter`, `header` are null for a fault of the whole mapping. */
export interface MappingProblem {
  readonly column: number | null;
  readonly letter: string | null;
  readonly header: string | null;
  readonly target: string | null;
  /** Stable kebab-case code: `unknown-target`, `target-mapped-twice`, `match-key-unmapped`, … */
  readonly code: string;
  readonly message: string;
}

/** A problem tied to one column of the mapping. */
export function columnProblem(m: ColumnMapping, code: string, message: string): MappingProblem {
  return { column: m.column, letter: m.letter, header: m.header, target: m.target, code, message };
}

/** A problem of the mapping as a whole. */
export function mappingProblem(code: string, message: string, target: string | null = null): MappingProblem {
  return { column: null, letter: null, header: null, target, code, message };
}

interface Mapped {
  readonly m: ColumnMapping;
  readonly target: FieldTarget;
}

function checkMatch(match: string, mapped: readonly Mapped[]): MappingProblem[] {
  const m = match.trim();
  if (m === '')
    return [
      mappingProblem('match-criteria-missing', 'match criteria is empty: use email or an identity handle'),
    ];
  if (m === 'email') {
    return mapped.some((x) => x.target.kind === 'field' && x.target.field === 'email')
      ? []
      : [mappingProblem('match-key-unmapped', 'matching by email needs a column mapped to email', 'email')];
  }
  if (!handlePattern.test(m)) {
    return [
      mappingProblem(
        'bad-match-criteria',
        `match criteria '${m}' is neither email nor an identity handle (lower-case letters, digits, _ and -)`,
      ),
    ];
  }
  const found = mapped.some(
    (x) =>
      (x.target.kind === 'identity' && x.target.handle === m) ||
      (x.target.kind === 'json' && x.target.field === 'identities'),
  );
  return found
    ? []
    : [
        mappingProblem(
          'match-key-unmapped',
          `matching by identity handle '${m}' needs a column mapped to identities.${m}`,
          `identities.${m}`,
        ),
      ];
}

function checkAddresses(mapped: readonly Mapped[]): MappingProblem[] {
  const byIndex = new Map<number, Set<string>>();
  for (const { target } of mapped) {
    if (target.kind !== 'address') continue;
    byIndex.set(target.index, (byIndex.get(target.index) ?? new Set()).add(target.part));
  }
  const problems: MappingProblem[] = [];
  for (const [index, parts] of [...byIndex].sort((a, b) => a[0] - b[0])) {
    const missing = requiredAddressPartNames.filter((p) => !parts.has(p));
    if (missing.length === 0) continue;
    const prefix = index === 0 ? 'addresses' : `addresses[${index + 1}]`;
    problems.push(
      mappingProblem(
        'address-incomplete',
        `${prefix} needs ${missing.map((p) => `${prefix}.${p}`).join(', ')} mapped too: Omneo needs address line 1, city, postcode and country together`,
        prefix,
      ),
    );
  }
  return problems;
}

function checkOverlaps(mapped: readonly Mapped[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const birthDate = mapped.find((x) => x.target.kind === 'birth_date');
  for (const x of mapped) {
    const t = x.target;
    if (
      birthDate !== undefined &&
      t.kind === 'field' &&
      ['birth_day', 'birth_month', 'birth_year'].includes(t.field)
    ) {
      problems.push(
        columnProblem(
          x.m,
          'birth-date-overlap',
          `${describeColumn(x.m)} maps ${t.field}, which ${describeColumn(birthDate.m)} (birth_date) already fills`,
        ),
      );
    }
    if (t.kind === 'json') {
      const other = mapped.find((y) => y !== x && profileKeyOf(y.target) === t.field);
      if (other !== undefined) {
        problems.push(
          columnProblem(
            x.m,
            'json-overlap',
            `${describeColumn(x.m)} gives all of ${t.field} as JSON, so ${describeColumn(other.m)} (${other.m.target}) cannot add to it`,
          ),
        );
      }
    }
  }
  return problems;
}

/**
 * Checks a mapping can be sent: paths parse, no target mapped twice, match criteria `email` needs email mapped and an identity handle needs `identities.<handle>` mapped, an address needs address_line_1, city, postcode and country mapped together (Omneo requires all four), …
 *
 * Also: `birth_date` with `birth_day`/`birth_month`/`birth_year` is a clash, and a `<field>:json`
 * column cannot be combined with other columns writing `<field>`. Matching on an identity handle
 * is satisfied by `identities:json` too (each row is then checked for the handle). Returns every
 * problem found, in column order then whole-mapping problems; an empty list means it can be sent.
 */
export function validateMapping(mapping: readonly ColumnMapping[], match: string): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const mapped: Mapped[] = [];
  const byKey = new Map<string, ColumnMapping>();
  for (const m of mapping) {
    if (m.target === null) continue;
    const parsed = parseFieldPath(m.target);
    if (!parsed.ok) {
      problems.push(columnProblem(m, 'unknown-target', `${describeColumn(m)}: ${parsed.message}`));
      continue;
    }
    const key = targetKey(parsed.target);
    const first = byKey.get(key);
    if (first !== undefined) {
      problems.push(
        columnProblem(
          m,
          'target-mapped-twice',
          `${describeColumn(m)} and ${describeColumn(first)} both map to ${m.target}: a field takes one column`,
        ),
      );
      continue;
    }
    byKey.set(key, m);
    mapped.push({ m, target: parsed.target });
  }
  return [...problems, ...checkOverlaps(mapped), ...checkMatch(match, mapped), ...checkAddresses(mapped)];
}
