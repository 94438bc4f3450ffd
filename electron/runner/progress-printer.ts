/**
 * Turns run events into what a person reads in a terminal: a one-line progress bar on a TTY, or
 * one line per notable event otherwise (CI logs, pipes). `--json` bypasses this and prints events.
 */
import { cappedWaitNotice } from '../../shared/runner/backoff';
import { assertNever, type RunEvent } from '../../shared/runner/run-events';

/** Where output goes and whether it is a terminal that can redraw a line. */
export interface PrinterTarget {
  readonly write: (text: string) => void;
  readonly isTTY: boolean;
  /** Milliseconds, for spacing repeated notices (default `Date.now`). */
  readonly now?: () => number;
}

/**
 * Least time between two notices of the same kind (concurrency changes, rate-limit waits), in ms.
 * Under a rate limit they change every second or so; a person needs the trend, not each step
 * (`--json` still has every event).
 */
export const noticeSpacingMs = 5_000;

/** A listener for run events that prints them for people. */
export function createProgressPrinter(target: PrinterTarget): {
  onEvent: (event: RunEvent) => void;
  end: () => void;
} {
  let barShown = false;
  const now = target.now ?? Date.now;
  const line = (text: string) => {
    if (barShown) target.write('\r\x1b[2K');
    barShown = false;
    target.write(`${text}\n`);
  };
  // Concurrency: print the newest limit at most every noticeSpacingMs, and only when it differs
  // from the last one printed.
  let shownLimit: number | null = null;
  let limitShownAt = -Infinity;
  let latestLimit: number | null = null;
  const showLimit = () => {
    if (latestLimit === null || latestLimit === shownLimit) return;
    if (now() - limitShownAt < noticeSpacingMs) return;
    shownLimit = latestLimit;
    limitShownAt = now();
    line(`concurrency now ${latestLimit} (Omneo is pushing back; it rises again when answers come)`);
  };
  // Rate-limit waits: one summary line every noticeSpacingMs instead of one per batch.
  let rateLimitedSince = 0;
  let rateLimitShownAt = -Infinity;
  let cappedShown = false;
  return {
    onEvent(event) {
      switch (event.kind) {
        case 'progress':
          showLimit();
          if (target.isTTY) {
            target.write(`\r\x1b[2K${progressBar(event)}`);
            barShown = true;
          }
          return;
        case 'batch-retry-scheduled':
          if (event.reason === 'rate-limited') {
            rateLimitedSince += 1;
            const capped = cappedWaitNotice(event.delayMs);
            if (capped !== null && !cappedShown) {
              cappedShown = true; // Once per run: every parallel batch hears the same answer.
              line(capped);
            }
            if (now() - rateLimitShownAt < noticeSpacingMs) return;
            rateLimitShownAt = now();
            const count = rateLimitedSince;
            rateLimitedSince = 0;
            return line(
              `rate-limited by Omneo: ${count} request(s) waiting about ${(event.delayMs / 1000).toFixed(1)} s before trying again`,
            );
          }
          return line(
            `batch ${event.batchIndex + 1}: ${event.reason}${event.unknownOutcome ? ' (outcome unknown, will re-send)' : ''}; retrying in ${(event.delayMs / 1000).toFixed(1)} s`,
          );
        case 'batch-rejected-rows':
          return line(
            `batch ${event.batchIndex + 1}: Omneo rejected ${event.rows.length} row(s); sending the rest again`,
          );
        case 'batch-failed':
          return line(`batch ${event.batchIndex + 1}: failed (${event.rows} rows) — ${event.error}`);
        case 'paused':
          return line(`paused: ${event.message}`);
        case 'resumed':
          return line('resumed');
        case 'concurrency-changed':
          latestLimit = event.limit;
          return showLimit();
        case 'batch-settled':
          if (!target.isTTY) {
            line(
              `batch ${event.batchIndex + 1}: ${event.created} created, ${event.updated} updated, ${event.failed} failed`,
            );
          }
          return;
        case 'finished':
          return line(`run ${event.status} in ${(event.elapsedMs / 1000).toFixed(1)} s`);
        case 'batch-sending':
        case 'batch-accepted':
        case 'batch-skipped':
          return;
        default:
          return assertNever(event);
      }
    },
    end() {
      if (barShown) target.write('\n');
      barShown = false;
    },
  };
}

/** `[########------------] 40% 4000 rows · 2/5 batches · 812 rows/s · ETA 7 s` */
export function progressBar(event: Extract<RunEvent, { kind: 'progress' }>, width = 24): string {
  const total = event.totalBatches;
  const share = total ? Math.min(1, event.batchesAcknowledged / total) : 0;
  const filled = Math.round(share * width);
  const bar = total
    ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(share * 100)}% `
    : '';
  const eta = event.etaSeconds === null ? '' : ` · ETA ${event.etaSeconds} s`;
  return `${bar}${event.rowsSent} rows · ${event.batchesAcknowledged}/${total ?? '?'} batches · ${Math.round(event.rowsPerSecond)} rows/s${eta}`;
}
