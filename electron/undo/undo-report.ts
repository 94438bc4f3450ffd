/**
 * `undo-report.json` in the job folder (private, 0600): what an undo did to each profile, written
 * after every undo run by the CLI (`omneo-import undo JOB`) and the app ("Undo this import"), so
 * either front end can tell whether a job is undone.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from '../files/private-files';
import { describeResult, type UndoReport } from './run-undo';
import { undoPlanFileName } from './undo-record';

/** The report's file name in the job folder. */
export const undoReportFileName = 'undo-report.json';

/** One profile in the report. */
export interface UndoReportProfile {
  readonly line: number;
  readonly profileId: string | null;
  /** `delete`, `restore`, `kept`, `gone` or `done` (see `UndoDecision`). */
  readonly action: string;
  readonly reason: string | null;
  /** `deleted`, `restored`, `failed: …`, or null when nothing was done (kept, gone, interrupted). */
  readonly result: string | null;
}

/** The report as written. `complete` is false when the undo was interrupted. */
export interface UndoReportJson {
  readonly jobId: string;
  readonly complete: boolean;
  readonly profiles: readonly UndoReportProfile[];
}

/** The report of an undo run in its written shape. */
export function undoReportJson(jobId: string, report: UndoReport): UndoReportJson {
  return {
    jobId,
    complete: report.complete,
    profiles: report.results.map(({ decision, result }) => ({
      line: decision.target.line,
      profileId: decision.target.profileId,
      action: decision.action,
      reason: decision.reason,
      result: result === null ? null : describeResult(result),
    })),
  };
}

/** Writes the report into the job's folder. */
export async function writeUndoReport(jobDir: string, report: UndoReportJson): Promise<void> {
  await writePrivateFile(path.join(jobDir, undoReportFileName), `${JSON.stringify(report, null, 2)}\n`);
}

/**
 * Whether a job recorded what undo needs (`undo-plan.json`) and whether an undo of it finished
 * (its last report is complete).
 */
export async function undoStateOf(jobDir: string): Promise<{ recorded: boolean; undone: boolean }> {
  const recorded = await fs.access(path.join(jobDir, undoPlanFileName)).then(
    () => true,
    () => false,
  );
  if (!recorded) return { recorded, undone: false };
  try {
    const report = JSON.parse(await fs.readFile(path.join(jobDir, undoReportFileName), 'utf8')) as {
      complete?: unknown;
    };
    return { recorded, undone: report.complete === true };
  } catch {
    return { recorded, undone: false };
  }
}
