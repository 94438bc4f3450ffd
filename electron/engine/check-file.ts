/**
 * Checks a whole file — every row mapped, normalised, validated and assigned to a batch — and
 * plans the exact batches a run will send. Streams the file; nothing is sent anywhere.
 */
import { CheckAccumulator, KeyLineCounter, type KeyLinesLookup } from '../../shared/engine/check-accumulator';
import {
  defaultCheckOptions,
  type CheckOptions,
  type CheckOptionsInput,
} from '../../shared/engine/check-options';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import type { CheckReport } from '../../shared/engine/check-report';
import { BatchCollector } from '../../shared/engine/batch-collector';
import {
  emptySummary,
  type CheckSummary,
  type PlannedBatch,
  type RowOutcome,
} from '../../shared/engine/check-result';
import { isBlank } from '../../shared/engine/evaluate-row';
import type { MappingInput } from '../../shared/engine/resolve-mapping';
import type { MappingProblem } from '../../shared/mapping/validate-mapping';
import { FileErrorException, type FileInfo, type ReadOptions } from '../../shared/source/source-table';
import { evaluateChunks, type ParallelOptions } from './evaluate-chunks';
import {
  prepareCheck,
  StreamFileError,
  type CheckProgress,
  type MappingChoice,
  type PreparedCheck,
} from './prepare-check';

export type { CheckProgress, MappingChoice } from './prepare-check';
export { CheckOptionsError } from './prepare-check';

/** What a check settled on before reading rows. */
export interface CheckStart {
  readonly file: FileInfo;
  readonly mapping: readonly ColumnMapping[];
  readonly options: CheckOptions;
}

/** Callbacks and limits for {@link checkFile}; `threads`/`workerUrl` choose worker threads (see `ParallelOptions`). */
export interface CheckHooks extends ParallelOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CheckProgress) => void;
  /** Called once before the first row is checked, with the settled mapping and options. */
  readonly onStart?: (start: CheckStart) => void;
  /** Called for every data row, in file order, with its final outcome. */
  readonly onRow?: (outcome: RowOutcome) => void;
  /** Issues kept in full in the report (all are counted); default 100,000. */
  readonly maxIssues?: number;
}

/**
 * Checks a file and reports every row's fate, every problem, and the batch count.
 *
 * `mapping` is `'auto'`, a saved mapping, a whole mapping, or `{from, overrides}` (hand-set
 * columns on top). Never throws for bad input: a file that cannot be read or is malformed gives
 * `fileError` (then nothing is importable: empty summary, no batches, `onRow` results so far must
 * be discarded); a mapping that cannot be sent gives `mappingProblems` and no row is checked.
 * Throws `CheckOptionsError` for invalid options and the signal's reason when aborted.
 */
export async function checkFile(
  path: string,
  readOptions: ReadOptions,
  mapping: MappingInput | MappingChoice,
  options: CheckOptionsInput,
  hooks: CheckHooks = {},
): Promise<CheckReport> {
  let prepared: PreparedCheck;
  try {
    prepared = await prepareCheck(path, readOptions, mapping, options, hooks);
  } catch (error) {
    if (!(error instanceof FileErrorException)) throw error;
    const file = error instanceof StreamFileError ? error.source.info : null;
    return failedReport(file, options.match ?? 'email', error);
  }
  const { source, plan } = prepared;
  const base = {
    file: source.info,
    mapping: prepared.mapping,
    match: prepared.options.match,
    options: prepared.options,
    mappingProblems: prepared.problems,
    dateOrders: prepared.dateOrders,
    ambiguousDateColumns: prepared.ambiguousDateColumns,
  };
  if (plan === null) {
    let counted: CheckSummary;
    try {
      counted = await countRows(prepared, hooks.signal);
    } catch (error) {
      if (!(error instanceof FileErrorException)) throw error;
      return {
        ...failedReport(source.info, prepared.options.match, error),
        ...base,
        fileError: error.fileError,
      };
    }
    return {
      ...base,
      summary: counted,
      fileError: null,
      issues: [],
      issuesTruncated: false,
      issueGroups: [],
    };
  }
  hooks.onStart?.({ file: source.info, mapping: prepared.mapping, options: prepared.options });
  let rows = 0;
  try {
    const accumulator = await accumulatorFor(prepared, plan, hooks, hooks.maxIssues);
    for (const issue of prepared.fileIssues) accumulator.addFileIssue(issue);
    for await (const chunk of evaluateChunks(prepared, plan, hooks)) {
      hooks.signal?.throwIfAborted();
      for (const evaluation of chunk) {
        const outcome = accumulator.add(evaluation);
        hooks.onRow?.(outcome);
      }
      rows += chunk.length;
      prepared.reportRows(rows);
    }
    return {
      ...base,
      summary: accumulator.summary,
      fileError: null,
      issues: accumulator.issues,
      issuesTruncated: accumulator.issuesTruncated,
      issueGroups: accumulator.issueGroups(),
    };
  } catch (error) {
    if (!(error instanceof FileErrorException)) throw error;
    return { ...failedReport(source.info, plan.match, error), ...base, fileError: error.fileError };
  }
}

/**
 * The rows of a file whose mapping cannot be sent, counted without checking them: blank rows as
 * `blank`, every other data row as `unchecked` — so the report still says how many rows the file has.
 */
async function countRows(prepared: PreparedCheck, signal: AbortSignal | undefined): Promise<CheckSummary> {
  let rows = 0;
  let blank = 0;
  for await (const chunk of prepared.source.rows()) {
    signal?.throwIfAborted();
    for (const row of chunk) if (isBlank(row.cells)) blank += 1;
    rows += chunk.length;
    prepared.reportRows(rows);
  }
  return { ...emptySummary, rows, blank, unchecked: rows - blank };
}

/** The accumulator that settles the plan's rows (after the look-ahead its duplicates policy needs). */
async function accumulatorFor(
  prepared: PreparedCheck,
  plan: NonNullable<PreparedCheck['plan']>,
  hooks: Pick<CheckHooks, 'signal' | 'threads' | 'workerUrl'>,
  maxIssues: number | undefined,
): Promise<CheckAccumulator> {
  return new CheckAccumulator({
    batchSize: plan.options.batchSize,
    match: plan.match,
    maxIssues,
    matchColumn: plan.matchColumn,
    mobilePhoneColumn: plan.mobilePhoneColumn,
    duplicates: plan.options.duplicates,
    repeatedPhones: plan.options.repeatedPhones,
    keyLines: await keyLinesFor(prepared, plan, hooks),
  });
}

/**
 * Every match key's lines, from a first pass over the rows, when the duplicates policy needs them
 * (`keep-last`, `none`); undefined for `keep-first`, which settles rows in one pass.
 */
async function keyLinesFor(
  prepared: PreparedCheck,
  plan: NonNullable<PreparedCheck['plan']>,
  hooks: Pick<CheckHooks, 'signal' | 'threads' | 'workerUrl'>,
): Promise<KeyLinesLookup | undefined> {
  if (plan.options.duplicates === 'keep-first') return undefined;
  const counter = new KeyLineCounter();
  for await (const chunk of evaluateChunks(prepared, plan, hooks)) {
    hooks.signal?.throwIfAborted();
    for (const evaluation of chunk) counter.add(evaluation);
  }
  return counter.lines;
}

function failedReport(file: CheckReport['file'], match: string, error: FileErrorException): CheckReport {
  return {
    file,
    mapping: [],
    match,
    options: { ...defaultCheckOptions, match },
    summary: emptySummary,
    fileError: error.fileError,
    mappingProblems: [],
    dateOrders: [],
    ambiguousDateColumns: [],
    issues: [],
    issuesTruncated: false,
    issueGroups: [],
  };
}

/** Thrown by {@link planBatches} when the mapping cannot be sent. */
export class MappingProblemsError extends Error {
  constructor(readonly problems: readonly MappingProblem[]) {
    super(`the mapping cannot be sent: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'MappingProblemsError';
  }
}

/**
 * The exact batches a run sends, in order: valid rows (duplicates, invalid and blank rows left
 * out) chunked at the batch size, each row with its line, match key and profile as sent.
 *
 * Deterministic: the same file, mapping and options always give the same batches, so a resumed
 * run can skip acknowledged batch indexes. Streams: one batch is held at a time. Run
 * {@link checkFile} first and send nothing if it reports a `fileError`; if the file has changed
 * and now has one, this throws `FileErrorException` when it reaches it. Also throws
 * {@link MappingProblemsError}, `CheckOptionsError`, and the signal's reason when aborted.
 */
export async function* planBatches(
  path: string,
  readOptions: ReadOptions,
  mapping: MappingInput | MappingChoice,
  options: CheckOptionsInput,
  hooks: Pick<CheckHooks, 'signal' | 'threads' | 'workerUrl'> = {},
): AsyncGenerator<PlannedBatch> {
  const prepared = await prepareCheck(path, readOptions, mapping, options, hooks);
  const { plan } = prepared;
  if (plan === null) throw new MappingProblemsError(prepared.problems);
  const accumulator = await accumulatorFor(prepared, plan, hooks, 0);
  const batches = new BatchCollector(plan.options.batchSize);
  for await (const chunk of evaluateChunks(prepared, plan, hooks)) {
    hooks.signal?.throwIfAborted();
    for (const evaluation of chunk) {
      const full = batches.add(accumulator.add(evaluation));
      if (full) yield full;
    }
  }
  const last = batches.finish();
  if (last) yield last;
}
