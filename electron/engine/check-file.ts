/**
 * Checks a whole file — every row mapped, normalised, validated and assigned to a batch — and
 * plans the exact batches a run will send. Streams the file; nothing is sent anywhere.
 */
import { CheckAccumulator, KeyLineCounter, type KeyLines } from '../../shared/engine/check-accumulator';
import type { CheckOptions, CheckOptionsInput } from '../../shared/engine/check-options';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import type { CheckReport } from '../../shared/engine/check-report';
import {
  emptySummary,
  type PlannedBatch,
  type PlannedRow,
  type RowOutcome,
} from '../../shared/engine/check-result';
import type { MappingInput } from '../../shared/engine/resolve-mapping';
import type { MappingProblem } from '../../shared/mapping/validate-mapping';
import type { Issue } from '../../shared/engine/issue';
import {
  FileErrorException,
  type ColumnInfo,
  type FileInfo,
  type ReadOptions,
} from '../../shared/source/source-table';
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
    return {
      ...base,
      summary: emptySummary,
      fileError: null,
      issues: [],
      issuesTruncated: false,
      issueGroups: [],
    };
  }
  hooks.onStart?.({ file: source.info, mapping: prepared.mapping, options: prepared.options });
  let rows = 0;
  try {
    const accumulator = new CheckAccumulator({
      batchSize: plan.options.batchSize,
      match: plan.match,
      maxIssues: hooks.maxIssues,
      matchColumn: plan.matchColumn,
      mobilePhoneColumn: plan.mobilePhoneColumn,
      duplicates: plan.options.duplicates,
      keyLines: await keyLinesFor(prepared, plan, hooks),
    });
    for (const issue of repeatedHeaderIssues(source.info)) accumulator.addFileIssue(issue);
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
 * Every match key's lines, from a first pass over the rows, when the duplicates policy needs them
 * (`keep-last`, `none`); undefined for `keep-first`, which settles rows in one pass.
 */
async function keyLinesFor(
  prepared: PreparedCheck,
  plan: NonNullable<PreparedCheck['plan']>,
  hooks: Pick<CheckHooks, 'signal' | 'threads' | 'workerUrl'>,
): Promise<ReadonlyMap<string, KeyLines> | undefined> {
  if (plan.options.duplicates === 'keep-first') return undefined;
  const counter = new KeyLineCounter();
  for await (const chunk of evaluateChunks(prepared, plan, hooks)) {
    hooks.signal?.throwIfAborted();
    for (const evaluation of chunk) counter.add(evaluation);
  }
  return counter.lines;
}

/**
 * A warning per column whose header repeats: both columns are kept and shown by letter, and
 * automatic mapping leaves them unmapped because it cannot know which is which (case 12).
 */
function repeatedHeaderIssues(info: FileInfo): Issue[] {
  const byHeader = new Map<string, ColumnInfo[]>();
  for (const column of info.columns) {
    const header = column.header.trim();
    if (header === '') continue;
    byHeader.set(header, [...(byHeader.get(header) ?? []), column]);
  }
  const issues: Issue[] = [];
  for (const [header, columns] of byHeader) {
    if (columns.length < 2) continue;
    const letters = columns.map((c) => c.letter);
    for (const column of columns) {
      issues.push({
        severity: 'warning',
        line: info.headerRow,
        column: column.header,
        letter: column.letter,
        target: null,
        code: 'header-repeated',
        message: `Line ${info.headerRow}: header '${header}' is used by columns ${letters.join(' and ')}; both are kept — map them by letter (--map "col:${column.letter}=field.path")`,
      });
    }
  }
  return issues;
}

function failedReport(file: CheckReport['file'], match: string, error: FileErrorException): CheckReport {
  return {
    file,
    mapping: [],
    match,
    options: {
      match,
      dateOrder: null,
      phoneRegion: null,
      onInvalidValue: 'reject',
      duplicates: 'keep-first',
      batchSize: 500,
      timeZone: null,
    },
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
  const accumulator = new CheckAccumulator({
    batchSize: plan.options.batchSize,
    match: plan.match,
    maxIssues: 0,
    duplicates: plan.options.duplicates,
    keyLines: await keyLinesFor(prepared, plan, hooks),
  });
  let index = 0;
  let rows: PlannedRow[] = [];
  for await (const chunk of evaluateChunks(prepared, plan, hooks)) {
    hooks.signal?.throwIfAborted();
    for (const evaluation of chunk) {
      const outcome = accumulator.add(evaluation);
      if (outcome.status !== 'valid' || outcome.profile === null || outcome.matchKey === null) continue;
      rows.push({ line: outcome.line, matchKey: outcome.matchKey, profile: outcome.profile });
      if (rows.length === plan.options.batchSize) {
        yield { index, rows };
        index += 1;
        rows = [];
      }
    }
  }
  if (rows.length > 0) yield { index, rows };
}
