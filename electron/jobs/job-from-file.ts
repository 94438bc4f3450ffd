/**
 * A job made from a file on disk (the CLI's `run`): check every row with the engine, writing the
 * rows and the exact batches into the job as they are checked, and make the job only when the file
 * can be sent. The batches sent are these checked ones; the file is not read again to send.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportMode } from '../../shared/compare/import-mode';
import type { CheckOptionsInput } from '../../shared/engine/check-options';
import type { CheckReport } from '../../shared/engine/check-report';
import { whyReportNotSendable } from '../../shared/engine/send-blocker';
import type { PlannedRow } from '../../shared/engine/check-result';
import type { MappingInput, MappingOverride } from '../../shared/engine/resolve-mapping';
import { checkedRowOf } from '../../shared/report/report-rows';
import type { ReadOptions } from '../../shared/source/source-table';
import { checkFile } from '../engine/check-file';
import { hashFile } from '../runner/file-hash';
import { abandonJob, beginJob, commitJob } from './job-store';
import type { OpenJob } from './run-job';

/** What to check and where it goes. */
export interface JobFromFileRequest {
  readonly journalDir: string;
  readonly path: string;
  readonly read: ReadOptions;
  readonly mapping: MappingInput;
  readonly overrides: readonly MappingOverride[];
  readonly options: CheckOptionsInput;
  readonly baseUrl: string;
  readonly importJobId: string | null;
  readonly wait: boolean;
  /** Compare with Omneo before sending, in this mode (null: no compare). */
  readonly compare?: { readonly mode: ImportMode } | null;
  readonly signal?: AbortSignal;
}

/** The job, or why there is none. */
export type JobFromFile =
  | { readonly kind: 'ready'; readonly job: OpenJob; readonly check: CheckReport }
  /** Nothing can be sent: the file, mapping or dates need fixing first (no job was made). */
  | { readonly kind: 'not-sendable'; readonly message: string; readonly check: CheckReport | null }
  /** `signal` aborted during the check: nothing was sent, no job was made. */
  | { readonly kind: 'interrupted'; readonly message: string };

/**
 * Checks the file into a new job. Throws `JournalError` (`conflict`) when the same file is being
 * sent to the same base URL, `JobDiskError` when the jobs folder cannot be written.
 */
export async function jobFromFile(request: JobFromFileRequest): Promise<JobFromFile> {
  const begun = await beginJob(request.journalDir, request.path, request.baseUrl);
  try {
    const before = await fs.stat(request.path).catch(() => null);
    let index = 0;
    let rows: PlannedRow[] = [];
    let batchSize = 500;
    const check = await checkFile(
      request.path,
      request.read,
      { from: request.mapping, overrides: request.overrides },
      request.options,
      {
        signal: request.signal,
        onStart: (start) => (batchSize = start.options.batchSize),
        onRow: (outcome) => {
          const sent = outcome.status === 'valid' && outcome.profile !== null && outcome.matchKey !== null;
          begun.draft.addRow({ ...checkedRowOf(outcome), ...(sent && { batch: index }) });
          if (!sent || outcome.profile === null || outcome.matchKey === null) return;
          rows.push({ line: outcome.line, matchKey: outcome.matchKey, profile: outcome.profile });
          if (rows.length === batchSize) {
            begun.draft.addBatch({ index, rows });
            index += 1;
            rows = [];
          }
        },
      },
    ).catch((error: unknown) => {
      if (request.signal?.aborted) return null;
      throw error;
    });
    if (check === null) {
      await abandonJob(begun);
      return { kind: 'interrupted', message: 'Interrupted while checking the file; nothing was sent.' };
    }
    if (rows.length > 0) begun.draft.addBatch({ index, rows });
    const blocker = whyNotSendable(check);
    if (blocker) {
      await abandonJob(begun);
      return { kind: 'not-sendable', message: blocker, check };
    }
    const after = await fs.stat(request.path).catch(() => null);
    if (!before || !after || before.size !== after.size || before.mtimeMs !== after.mtimeMs) {
      await abandonJob(begun);
      return {
        kind: 'not-sendable',
        message: `${request.path} changed while it was being checked; nothing was sent. Run again once it is complete.`,
        check,
      };
    }
    const job = await commitJob(begun, {
      startedBy: 'cli',
      file: {
        path: path.resolve(request.path),
        name: path.basename(request.path),
        size: after.size,
        sha256: await hashFile(request.path),
      },
      read: request.read,
      header: check.file?.columns.map((c) => c.header) ?? [],
      mapping: check.mapping.flatMap((m) =>
        m.target === null
          ? []
          : [{ column: m.column, header: m.header, target: m.target, ...(m.values && { values: m.values }) }],
      ),
      options: check.options,
      changes: { edits: [], skips: [] },
      repeatedPhones: 'keep',
      connection: { baseUrl: request.baseUrl, id: null, name: request.baseUrl },
      importJobId: request.importJobId,
      wait: request.wait,
      retryOf: null,
      compare: request.compare ?? null,
      check: {
        rows: check.summary.rows,
        valid: check.summary.valid,
        invalid: check.summary.invalid,
        blank: check.summary.blank,
        duplicate: check.summary.duplicate,
        skipped: 0,
        batches: index + (rows.length > 0 ? 1 : 0),
      },
    });
    return { kind: 'ready', job, check };
  } catch (error) {
    await abandonJob(begun).catch(() => undefined);
    throw error;
  }
}

/** Why nothing may be sent, or null when the valid rows can go (the engine's one rule). */
export function whyNotSendable(check: CheckReport): string | null {
  const why = whyReportNotSendable(check, 'Choose one with --date-order dmy|mdy.');
  return why === null ? null : `${why} Nothing was sent.`;
}
