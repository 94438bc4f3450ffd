/**
 * Runs one ../shared/cases file through the whole engine (`checkFile`) and collects every row's
 * outcome, so each case test can assert the README's outcome end to end.
 */
import type { CheckOptionsInput } from '../../shared/engine/check-options';
import type { CheckReport } from '../../shared/engine/check-report';
import type { RowOutcome } from '../../shared/engine/check-result';
import type { MappingOverride } from '../../shared/engine/resolve-mapping';
import type { ReadOptions } from '../../shared/source/source-table';
import { checkFile } from '../../electron/engine/check-file';
import { casePath } from '../support/shared-paths';

/** A check's report and its rows' outcomes in file order. */
export interface CaseResult {
  readonly report: CheckReport;
  readonly rows: readonly RowOutcome[];
  /** Profiles of the valid rows, in file order (what would be sent). */
  readonly sent: readonly Record<string, unknown>[];
}

/** Checks `../shared/cases/<name>` with automatic mapping plus `overrides`. */
export async function checkCase(
  name: string,
  options: CheckOptionsInput = {},
  overrides: readonly MappingOverride[] = [],
  read: ReadOptions = {},
): Promise<CaseResult> {
  const rows: RowOutcome[] = [];
  const report = await checkFile(casePath(name), read, { from: 'auto', overrides }, options, {
    onRow: (outcome) => rows.push(outcome),
  });
  const sent = rows.filter((r) => r.status === 'valid').map((r) => r.profile as Record<string, unknown>);
  return { report, rows, sent };
}

/** `--map`-style override helper: `map('city', 'custom_attributes.crm.city')`. */
export const map = (column: string, target: string | null): MappingOverride => ({ column, target });

/** Values of a custom attribute across the sent profiles. */
export function customValues(sent: readonly Record<string, unknown>[], handle: string): unknown[] {
  return sent.map((p) => {
    const attrs = (p.custom_attributes ?? []) as { handle: string; value: unknown }[];
    return attrs.find((a) => a.handle === handle)?.value;
  });
}

/** Every string anywhere inside a value (for the "no U+FFFD / U+0000 / U+FEFF" invariant). */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

/** Runs `fn` with the process time zone set to `zone`, restoring it afterwards. */
export async function inTimeZone<T>(zone: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
