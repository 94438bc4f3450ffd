/**
 * Writes an import's reports: `results.csv` (every input row's fate) and `errors.csv` (the rows to
 * fix, with their original columns plus an `error` column, ready to re-import).
 *
 * Rows are streamed to disk in chunks with papaparse's `unparse`, so a million-row import needs no
 * million-row string. Every cell passes through `neutraliseCsvCell` (OWASP CSV injection). Files
 * start with a UTF-8 BOM so Excel reads accents correctly.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { ensurePrivateFolder, openPrivateFileSync } from '../files/private-files';
import { neutraliseCsvCell } from '../../shared/report/csv-safety';
import {
  attentionOutcomes,
  resultCells,
  resultColumns,
  resultRecord,
  type CheckedRow,
} from '../../shared/report/report-rows';
import { countImport, type ImportCounts } from '../../shared/runner/reconcile';
import type { RowResult } from '../../shared/runner/run-events';
import type { SourceRow } from '../../shared/source/source-table';

/** What the reports are made from. */
export interface ReportInput {
  /** Folder to write into (created if missing). */
  readonly directory: string;
  /** Every input row's `check` verdict, in file order. */
  readonly checkedRows: AsyncIterable<CheckedRow> | Iterable<CheckedRow>;
  /** The runner's result for each row it was given. */
  readonly runRows: readonly RowResult[];
  /** Batch indexes that were re-sent after an unknown outcome. */
  readonly resentBatches?: ReadonlySet<number>;
  /** Original header cells, for `errors.csv`. */
  readonly header: readonly string[];
  /** The file's rows again (chunked, as the reader yields them), for `errors.csv`'s original cells. */
  readonly sourceRows?: AsyncIterable<readonly SourceRow[]>;
  /**
   * Why the original cells cannot be given (the file is gone or changed since the check): errors.csv
   * is then written with empty original columns and this note beside each error.
   */
  readonly sourceUnavailable?: string;
}

/**
 * One row of `errors.csv`: its line, why it was not sent (its final outcome) and the message, and
 * the customer it is (its match key, and the Omneo profile id when Omneo named one).
 */
export interface RowNotSent {
  readonly line: number;
  readonly outcome: 'invalid' | 'duplicate' | 'skipped' | 'failed' | 'not-sent';
  readonly error: string | null;
  readonly matchKey: string | null;
  readonly profileId: string | null;
}

/** Where the reports went and what they say. */
export interface ReportSummary {
  readonly resultsPath: string;
  readonly errorsPath: string | null;
  readonly counts: ImportCounts;
  /** Rows written to errors.csv. */
  readonly rowsToFix: number;
  /** Those rows, in file order, with their outcome and message. */
  readonly notSent: readonly RowNotSent[];
  /** Values left out of the rows handed to the runner (the `left_out` column), and how many rows. */
  readonly leftOut: { readonly values: number; readonly rows: number };
}

const chunkRows = 2_000;

/** Writes `results.csv` and (when rows need attention and `sourceRows` is given) `errors.csv`. */
export async function writeReports(input: ReportInput): Promise<ReportSummary> {
  await ensurePrivateFolder(input.directory);
  const runByLine = new Map(input.runRows.map((row) => [row.line, row]));
  const resent = input.resentBatches ?? new Set<number>();
  const attention = new Map<number, string>();
  const notSent: RowNotSent[] = [];
  const check = { rows: 0, blank: 0, invalid: 0, duplicate: 0, skipped: 0 };
  const reportedRun: RowResult[] = [];
  const leftOut = { values: 0, rows: 0 };

  const resultsPath = path.join(input.directory, 'results.csv');
  const results = new CsvFile(resultsPath, [...resultColumns]);
  for await (const checked of input.checkedRows) {
    const record = resultRecord(checked, runByLine.get(checked.line), resent);
    check.rows += 1;
    if (record.outcome === 'blank' || record.outcome === 'duplicate' || record.outcome === 'skipped') {
      check[record.outcome] += 1;
    } else if (checked.status === 'invalid') {
      check.invalid += 1;
    } else {
      reportedRun.push(runByLine.get(checked.line)!);
      if (record.leftOut.length > 0) {
        leftOut.values += record.leftOut.length;
        leftOut.rows += 1;
      }
    }
    if (attentionOutcomes.has(record.outcome)) {
      attention.set(record.line, record.error ?? record.outcome);
      notSent.push({
        line: record.line,
        outcome: record.outcome as RowNotSent['outcome'],
        error: record.error,
        matchKey: record.matchKey,
        profileId: record.profileId,
      });
    }
    await results.add(resultCells(record));
  }
  await results.close();

  let errorsPath: string | null = null;
  if (attention.size > 0 && !input.sourceRows && input.sourceUnavailable !== undefined) {
    errorsPath = path.join(input.directory, 'errors.csv');
    const errors = new CsvFile(errorsPath, [...input.header, 'error']);
    const blank = input.header.map(() => '');
    for (const [line, error] of attention) {
      await errors.add([...blank, `${withPlace(error, line)} (${input.sourceUnavailable})`]);
    }
    await errors.close();
  } else if (attention.size > 0 && input.sourceRows) {
    errorsPath = path.join(input.directory, 'errors.csv');
    const errors = new CsvFile(errorsPath, [...input.header, 'error']);
    const width = input.header.length;
    for await (const chunk of input.sourceRows) {
      for (const row of chunk) {
        const error = attention.get(row.line);
        if (error === undefined) continue;
        const cells = [...row.cells.slice(0, width)];
        while (cells.length < width) cells.push('');
        await errors.add([...cells, withPlace(error, row.line)]);
      }
    }
    await errors.close();
  }
  return {
    resultsPath,
    errorsPath,
    counts: countImport(check, reportedRun),
    rowsToFix: attention.size,
    notSent,
    leftOut,
  };
}

/** A CSV file written in chunks, every cell neutralised. */
class CsvFile {
  readonly #stream: WriteStream;
  #pending: string[][] = [];
  #first = true;
  #error: Error | null = null;

  constructor(
    file: string,
    private readonly header: string[],
  ) {
    this.#stream = createWriteStream(file, { fd: openPrivateFileSync(file), encoding: 'utf8' });
    // A disk that is full or read-only fails the next add or close, never the process.
    this.#stream.on('error', (error) => (this.#error ??= error));
    this.#stream.write('\ufeff');
  }

  async add(cells: string[]): Promise<void> {
    if (this.#error) throw this.#error;
    this.#pending.push(cells);
    if (this.#pending.length >= chunkRows) await this.#flush();
  }

  async close(): Promise<void> {
    await this.#flush(true);
    if (!this.#error) {
      this.#stream.end();
      await Promise.race([once(this.#stream, 'finish'), once(this.#stream, 'close')]);
    }
    if (this.#error) {
      this.#stream.destroy();
      throw this.#error;
    }
  }

  async #flush(final = false): Promise<void> {
    if (this.#pending.length === 0 && !(final && this.#first)) return;
    const text = Papa.unparse(
      {
        fields: this.header.map(neutraliseCsvCell),
        data: this.#pending.map((row) => row.map(neutraliseCsvCell)),
      },
      { header: this.#first, newline: '\r\n' },
    );
    this.#first = false;
    this.#pending = [];
    if (this.#error) throw this.#error;
    if (text !== '' && !this.#stream.write(`${text}\r\n`)) {
      await Promise.race([once(this.#stream, 'drain'), once(this.#stream, 'close')]);
    }
    if (this.#error) throw this.#error;
  }
}

/**
 * The error as errors.csv shows it: the place is said once. Engine messages already start with
 * `Line N, column X …`, so only a message that names no line (a runner or server message) gets
 * `line N: ` in front.
 */
export function withPlace(error: string, line: number): string {
  return new RegExp(`\\bline ${line}\\b`, 'i').test(error) ? error : `line ${line}: ${error}`;
}
