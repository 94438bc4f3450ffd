/**
 * The steps before a check streams rows: open the file, settle the mapping and options, compile
 * the plan, decide each date column's order from its values, and find the file's own issues.
 *
 * Shared by `checkFile` (the report), `planBatches` (the batches a run sends) and the app's review
 * (`prepareSource` over the rows it holds, with the user's edits), so all three see the same plan,
 * the same date orders and the same file issues for the same inputs.
 */
import {
  checkOptionsSchema,
  type CheckOptions,
  type CheckOptionsInput,
} from '../../shared/engine/check-options';
import type { AmbiguousDateColumn, ColumnDateOrder } from '../../shared/engine/check-report';
import { compileMapping, type CheckPlan } from '../../shared/engine/compile-mapping';
import type { ColumnDateStates, DateColumnState } from '../../shared/engine/evaluate-row';
import { resolveMapping, type MappingInput, type MappingOverride } from '../../shared/engine/resolve-mapping';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import type { MappingProblem } from '../../shared/mapping/validate-mapping';
import { createDateOrderDetector, possibleDateOrders } from '../../shared/normalise/dates';
import { cleanText } from '../../shared/normalise/text';
import { repeatedHeaderIssues } from '../../shared/engine/file-issues';
import type { Issue } from '../../shared/engine/issue';
import { FileErrorException, type ReadOptions } from '../../shared/source/source-table';
import { openTable, type TableSource } from '../files/open-table';

/** A mapping source plus hand-set column targets applied on top of it. */
export interface MappingChoice {
  readonly from: MappingInput;
  readonly overrides: readonly MappingOverride[];
}

/** Progress of a check: which pass, rows done, and bytes read of the file (text files). */
export interface CheckProgress {
  readonly phase: 'date-scan' | 'check';
  readonly rows: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

/** What a prepared check holds; `plan` is null when the mapping has problems. */
export interface PreparedCheck {
  readonly source: TableSource;
  readonly mapping: ColumnMapping[];
  readonly problems: readonly MappingProblem[];
  readonly options: CheckOptions;
  readonly plan: CheckPlan | null;
  readonly dateStates: ColumnDateStates;
  readonly dateOrders: readonly ColumnDateOrder[];
  readonly ambiguousDateColumns: readonly AmbiguousDateColumn[];
  /** Issues about the file rather than a row (a repeated header), counted with the rows' issues. */
  readonly fileIssues: readonly Issue[];
  /** Reports rows checked so far to the caller's progress callback (with the last bytes read). */
  readonly reportRows: (rows: number) => void;
}

/** Rows read for automatic mapping's value hints. */
const sampleRows = 50;
/** Example values kept per ambiguous date column. */
const exampleCount = 3;

/** Thrown when the options (after a saved mapping's settings) are invalid; names the option. */
export class CheckOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckOptionsError';
  }
}

/**
 * Opens `path` and prepares its check.
 *
 * Options given explicitly win over a saved mapping's settings, which win over the defaults.
 * Throws FileErrorException when the file cannot be opened (or a pre-scan meets malformed input),
 * {@link CheckOptionsError} for invalid options, and the signal's reason when aborted.
 */
export async function prepareCheck(
  path: string,
  readOptions: ReadOptions,
  mappingChoice: MappingInput | MappingChoice,
  optionsInput: CheckOptionsInput,
  hooks: { signal?: AbortSignal; onProgress?: (progress: CheckProgress) => void } = {},
): Promise<PreparedCheck> {
  let bytes = { bytesRead: 0, totalBytes: 0 };
  const source = await openTable(path, {
    ...readOptions,
    ...(hooks.signal && { signal: hooks.signal }),
    onProgress: (progress) => {
      bytes = progress;
    },
  });
  return prepareSource(source, mappingChoice, optionsInput, {
    onProgress: (progress) => hooks.onProgress?.({ ...progress, ...bytes }),
  });
}

/**
 * Prepares the check of an opened table (a file being read, or rows the app holds with the user's
 * edits): the same steps as {@link prepareCheck} after opening. Throws as it does.
 */
export async function prepareSource(
  source: TableSource,
  mappingChoice: MappingInput | MappingChoice,
  optionsInput: CheckOptionsInput,
  hooks: { onProgress?: (progress: CheckProgress) => void } = {},
): Promise<PreparedCheck> {
  let phase: CheckProgress['phase'] = 'date-scan';
  const reportRows = (rows: number): void => hooks.onProgress?.({ phase, rows, bytesRead: 0, totalBytes: 0 });
  const columns = source.info.columns;
  const choice: MappingChoice =
    typeof mappingChoice === 'object' && 'from' in mappingChoice
      ? mappingChoice
      : { from: mappingChoice, overrides: [] };
  const samples = choice.from === 'auto' ? await readSamples(source).catch(rethrowWith(source)) : [];
  const resolved = resolveMapping(columns, choice.from, choice.overrides, samples);
  const parsed = checkOptionsSchema.safeParse({ ...resolved.settings, ...definedOnly(optionsInput) });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CheckOptionsError(`${String(first?.path[0] ?? 'options')}: ${first?.message ?? 'invalid'}`);
  }
  const options = parsed.data;
  const fileIssues = [...repeatedHeaderIssues(source.info), ...(source.notices ?? [])];
  const compiled = resolved.problems.length === 0 ? compileMapping(resolved.mapping, columns, options) : null;
  const none = { dateStates: [], dateOrders: [], ambiguousDateColumns: [] };
  if (compiled === null || !compiled.ok) {
    const problems = compiled === null ? resolved.problems : compiled.problems;
    return {
      source,
      mapping: resolved.mapping,
      problems,
      options,
      plan: null,
      reportRows,
      fileIssues,
      ...none,
    };
  }
  const plan = compiled.plan;
  const dates = await decideDateOrders(source, plan, reportRows).catch(rethrowWith(source));
  phase = 'check';
  return { source, mapping: resolved.mapping, problems: [], options, plan, reportRows, fileIssues, ...dates };
}

/**
 * A file error met while streaming rows after the file was opened; carries what is known of the
 * file so the report can still describe it.
 */
export class StreamFileError extends FileErrorException {
  constructor(
    readonly source: TableSource,
    cause: FileErrorException,
  ) {
    super(cause.fileError);
    this.name = 'StreamFileError';
  }
}

function rethrowWith(source: TableSource): (error: unknown) => never {
  return (error) => {
    if (error instanceof FileErrorException && !(error instanceof StreamFileError)) {
      throw new StreamFileError(source, error);
    }
    throw error;
  };
}

function definedOnly(input: CheckOptionsInput): CheckOptionsInput {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as CheckOptionsInput;
}

/** The first non-blank data rows' cells, for automatic mapping. */
async function readSamples(source: TableSource): Promise<string[][]> {
  const samples: string[][] = [];
  for await (const chunk of source.rows()) {
    for (const row of chunk) {
      if (row.cells.some((c) => c.trim() !== '')) samples.push([...row.cells]);
      if (samples.length >= sampleRows) return samples;
    }
  }
  return samples;
}

interface ColumnScan {
  readonly detector: ReturnType<typeof createDateOrderDetector>;
  readonly examples: string[];
  orderDependent: number;
}

/**
 * Decides each date column's order: the user's, or inferred from the column's values.
 *
 * One value that fits only one order decides its column (`createDateOrderDetector`), unless
 * another value fits only the other order: then the column mixes orders, and each of its
 * order-dependent rows is a row error naming which kind it is. Such a value may be anywhere, so
 * the pre-scan reads the date columns' cells to the end of the file; it stops early only once
 * every date column has shown both orders (nothing later can change that verdict). A column left
 * undecided with values that fit both orders is ambiguous. Cost: one `cleanText` and one
 * `possibleDateOrders` per non-empty date cell, on top of reading the file.
 */
export async function decideDateOrders(
  source: Pick<TableSource, 'rows'>,
  plan: CheckPlan,
  onRows: (rows: number) => void,
): Promise<Pick<PreparedCheck, 'dateStates' | 'dateOrders' | 'ambiguousDateColumns'>> {
  const given = plan.options.dateOrder;
  const states: (DateColumnState | undefined)[] = [];
  if (plan.dateColumns.length === 0) return { dateStates: states, dateOrders: [], ambiguousDateColumns: [] };
  if (given !== null) {
    for (const c of plan.dateColumns) states[c.index] = { order: given, unresolved: null };
    const dateOrders = plan.dateColumns.map((c) => ({
      ...columnRef(c),
      order: given,
      source: 'user' as const,
    }));
    return { dateStates: states, dateOrders, ambiguousDateColumns: [] };
  }
  const scans = plan.dateColumns.map((): ColumnScan => ({
    detector: createDateOrderDetector(),
    examples: [],
    orderDependent: 0,
  }));
  /** Both orders seen: the column mixes orders whatever follows. */
  const settled = (scan: ColumnScan): boolean => {
    const { counts } = scan.detector.result();
    return counts.dmy > 0 && counts.mdy > 0;
  };
  let rows = 0;
  scanning: for await (const chunk of source.rows()) {
    for (const row of chunk) {
      if (row.cells.length > plan.columnCount) continue; // ragged: a row error anyway
      plan.dateColumns.forEach((column, i) => {
        const raw = row.cells[column.index];
        if (raw === undefined || raw === '') return;
        const text = cleanText(raw).value;
        if (text === '') return;
        const scan = scans[i];
        if (scan === undefined) return;
        const orders = possibleDateOrders(text);
        scan.detector.add(text, orders);
        if (orders.length === 2) {
          scan.orderDependent += 1;
          if (scan.examples.length < exampleCount) scan.examples.push(text);
        }
      });
    }
    rows += chunk.length;
    onRows(rows);
    if (scans.every(settled)) break scanning;
  }
  const dateOrders: ColumnDateOrder[] = [];
  const ambiguousDateColumns: AmbiguousDateColumn[] = [];
  plan.dateColumns.forEach((column, i) => {
    const result = scans[i]?.detector.result();
    if (result === undefined) return;
    const unresolved = result.conflict ? 'conflict' : result.ambiguous ? 'ambiguous' : null;
    states[column.index] = { order: result.order, unresolved };
    const { dmy, mdy, both } = result.counts;
    const source: ColumnDateOrder['source'] =
      unresolved !== null ? 'ambiguous' : dmy + mdy + both === 0 ? 'unneeded' : 'detected';
    dateOrders.push({ ...columnRef(column), order: result.order, source });
    if (unresolved !== null) {
      ambiguousDateColumns.push({
        ...columnRef(column),
        rows: result.conflict ? dmy + mdy + both : both,
        examples: scans[i]?.examples ?? [],
      });
    }
  });
  return { dateStates: states, dateOrders, ambiguousDateColumns };
}

function columnRef(column: { index: number; letter: string; header: string; path: string }) {
  return { index: column.index, letter: column.letter, header: column.header, target: column.path };
}
