/**
 * Compiles a checked mapping into a plan: for each mapped column, its target and converter.
 *
 * A mapping that cannot be sent (see `validateMapping`) never becomes a plan, so no row is checked
 * against it; the problems go back to the user instead.
 */
import { parseFieldPath } from '../fields/field-path';
import type { FieldTarget } from '../fields/field-target';
import type { ColumnMapping } from '../mapping/column-mapping';
import { validateMapping, type MappingProblem } from '../mapping/validate-mapping';
import type { ColumnInfo } from '../source/source-table';
import type { CheckOptions } from './check-options';
import { converterFor, type ColumnConverter, type Convert } from './column-converters';
import { topLevelFieldKind } from '../fields/field-catalogue';
import type { DateOrder } from '../normalise/dates';
import type { Normalised } from '../normalise/result';
import { compileValueMap, type MapValue } from '../mapping/value-map';
import { valueMapProblems } from './value-map-check';
import { regionColumnOf } from './row-region';

/** One mapped column, ready to convert cells. */
export interface CompiledColumn {
  /** 0-based index of the column in each row's cells. */
  readonly index: number;
  readonly letter: string;
  readonly header: string;
  /** The canonical field path, as issues name the target. */
  readonly path: string;
  readonly target: FieldTarget;
  readonly converter: ColumnConverter;
  /** The column holds the row's match key: its value is never dropped, only rejected. */
  readonly isMatchKey: boolean;
  /** The column's value map (`Gold Member` → `gold`), applied before the converter; null: none. */
  readonly mapValue: MapValue | null;
  /** A phone column: its converter reads the row's phone region (see row-region.ts). */
  readonly regional: boolean;
}

/**
 * Everything `evaluateRow` needs besides the row: compiled columns, the header's width, the match
 * criteria and where its key comes from, and the options.
 *
 * `matchFromJson` is true when the match is an identity handle given through `identities:json`
 * (each row's JSON must then hold that handle).
 */
export interface CheckPlan {
  readonly columns: readonly CompiledColumn[];
  readonly columnCount: number;
  readonly match: string;
  readonly matchColumn: CompiledColumn | null;
  readonly matchFromJson: boolean;
  readonly mobilePhoneColumn: CompiledColumn | null;
  /** The country column that decides each row's phone region, or null: the default region. */
  readonly regionColumn: CompiledColumn | null;
  /** Columns whose values are dates read with a column date order. */
  readonly dateColumns: readonly CompiledColumn[];
  readonly options: CheckOptions;
}

/** Distinct values remembered per column before its memo starts again. */
const memoLimit = 20_000;
/** Lookups after which a column whose memo answered under a tenth of them stops using it. */
const memoTrial = 20_000;

/**
 * True for targets whose cells repeat and cost something to convert (phones, dates, enums,
 * numbers): remembering a column's answers by cell text skips the normaliser on repeats.
 * Emails and free text are left out — nearly unique, and cheap.
 */
function worthRemembering(target: FieldTarget): boolean {
  switch (target.kind) {
    case 'field': {
      const kind = topLevelFieldKind(target.field);
      return kind !== undefined && kind !== 'text' && kind !== 'email';
    }
    case 'birth_date':
    case 'date_attribute':
    case 'comms':
      return true;
    case 'address':
      return target.part === 'iso' || target.part === 'is_default';
    case 'custom_attribute':
      return target.type === 'integer' || target.type === 'float' || target.type === 'boolean';
    default:
      return false;
  }
}

/**
 * Wraps a column's converter with a memo keyed by the cell text and the row's phone region when
 * one is given (and reset when the date order changes). Per column, so the key needs no order prefix; bounded at {@link memoLimit};
 * switched off after {@link memoTrial} lookups if it rarely helps.
 */
function withMemo(converter: ColumnConverter, target: FieldTarget): ColumnConverter {
  if (!worthRemembering(target)) return converter;
  const cache = new Map<string, Normalised<unknown>>();
  let cachedOrder: DateOrder | null | undefined;
  let lookups = 0;
  let hits = 0;
  let bypass = false;
  const convert: Convert = (text, order, region) => {
    if (bypass) return converter.convert(text, order, region);
    if (order !== cachedOrder) {
      cache.clear();
      cachedOrder = order;
    }
    lookups += 1;
    const key = region === undefined ? text : `${region}\u0000${text}`;
    let result = cache.get(key);
    if (result === undefined) {
      result = converter.convert(text, order, region);
      if (cache.size >= memoLimit) cache.clear();
      cache.set(key, result);
      // A column of nearly unique values (e.g. every phone different) only pays for the memo.
      if (lookups === memoTrial && hits < memoTrial / 10) {
        bypass = true;
        cache.clear();
      }
    } else {
      hits += 1;
    }
    return result;
  };
  return { ...converter, convert };
}

/** A plan, or the reasons the mapping cannot be sent. */
export type CompiledMapping =
  | { readonly ok: true; readonly plan: CheckPlan }
  | { readonly ok: false; readonly problems: readonly MappingProblem[] };

/**
 * Validates `mapping` for `options.match` and compiles it against the file's `columns`.
 *
 * Returns `ok: false` with every problem when the mapping cannot be sent (unknown path, a target
 * mapped twice, match key unmapped, incomplete address, a column outside the header, a value map
 * on a field without a list of values or naming a value the field does not take). Never throws
 * for bad input.
 */
export function compileMapping(
  mapping: readonly ColumnMapping[],
  columns: readonly ColumnInfo[],
  options: CheckOptions,
): CompiledMapping {
  const problems = validateMapping(mapping, options.match);
  for (const m of mapping) {
    if (m.target !== null && (m.column < 0 || m.column >= columns.length)) {
      problems.push({
        column: m.column,
        letter: m.letter,
        header: m.header,
        target: m.target,
        code: 'column-not-in-file',
        message: `column ${m.letter} is mapped to ${m.target}, but the file has ${columns.length} columns`,
      });
    }
  }
  problems.push(...valueMapProblems(mapping, options));
  if (problems.length > 0) return { ok: false, problems };

  const compiled: CompiledColumn[] = [];
  for (const m of mapping) {
    if (m.target === null) continue;
    const parsed = parseFieldPath(m.target);
    if (!parsed.ok) continue; // validateMapping reported it; unreachable
    const target = parsed.target;
    const isMatchKey =
      options.match === 'email'
        ? target.kind === 'field' && target.field === 'email'
        : target.kind === 'identity' && target.handle === options.match;
    compiled.push({
      index: m.column,
      letter: m.letter,
      header: m.header,
      path: m.target,
      target,
      converter: withMemo(converterFor(target, options), target),
      isMatchKey,
      mapValue: compileValueMap(m.values, target),
      regional: target.kind === 'field' && topLevelFieldKind(target.field) === 'phone',
    });
  }
  compiled.sort((a, b) => a.index - b.index);
  const matchColumn = compiled.find((c) => c.isMatchKey) ?? null;
  return {
    ok: true,
    plan: {
      columns: compiled,
      columnCount: columns.length,
      match: options.match,
      matchColumn,
      matchFromJson:
        matchColumn === null &&
        compiled.some((c) => c.target.kind === 'json' && c.target.field === 'identities'),
      mobilePhoneColumn:
        compiled.find((c) => c.target.kind === 'field' && c.target.field === 'mobile_phone') ?? null,
      regionColumn: regionColumnOf(compiled),
      dateColumns: compiled.filter((c) => c.converter.dated),
      options,
    },
  };
}
