/**
 * The progress line `check` and `run` draw on a terminal: one line on stderr, redrawn in place at
 * most ~10 times a second and erased when the command ends, so the summary that follows (and any
 * stdout a script reads) is untouched. Nothing is drawn when stderr is not a terminal.
 *
 * The texts come from pure formatters ({@link formatCheckProgress}, {@link formatRunProgress}), and
 * run events are folded into what the line shows by {@link applyRunEvent}, so both are tested
 * without a terminal.
 */
import type { CheckProgress } from '../engine/check-file';
import type { RunEvent } from '../../shared/runner/run-events';
import { eraseLine, terminalSafe } from './terminal-text';

/** Where the line is drawn. */
export interface ProgressLineTarget {
  readonly write: (text: string) => void;
  /** Draw only on a terminal (`process.stderr.isTTY`); otherwise every call but {@link ProgressLine.above} does nothing. */
  readonly isTTY: boolean;
  /** Terminal width; longer texts are cut so the line never wraps (a wrapped line cannot be redrawn). */
  readonly columns?: number;
  /** Milliseconds (default `performance.now`), for spacing redraws. */
  readonly now?: () => number;
}

/** A line redrawn in place. */
export interface ProgressLine {
  /**
   * Shows `text`, unless the line was drawn less than {@link redrawEveryMs} ago (then it waits for
   * a later update). A function is called only when the line is due, so callers may update often.
   */
  update(text: string | (() => string)): void;
  /** Prints a whole line of its own (a notice), keeping the progress line below it; control characters but line breaks are escaped. */
  above(text: string): void;
  /** Erases the line; later updates draw it again. */
  clear(): void;
}

/** Least time between two redraws, in ms: ~10 a second is smooth to read and costs nothing. */
export const redrawEveryMs = 100;

/** Creates the progress line for `target`. */
export function createProgressLine(target: ProgressLineTarget): ProgressLine {
  const now = target.now ?? (() => performance.now());
  let drawnAt = Number.NEGATIVE_INFINITY;
  let shown: string | null = null;
  const fit = (text: string): string => {
    const width = target.columns !== undefined && target.columns > 1 ? target.columns - 1 : Infinity;
    return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
  };
  const draw = (text: string): void => {
    target.write(`${eraseLine}${fit(terminalSafe(text))}`);
    shown = text;
    drawnAt = now();
  };
  return {
    update(text) {
      if (!target.isTTY || now() - drawnAt < redrawEveryMs) return;
      const next = typeof text === 'function' ? text() : text;
      if (next !== shown) draw(next);
    },
    above(raw) {
      const text = terminalSafe(raw, true);
      if (!target.isTTY) {
        target.write(text);
        return;
      }
      const last = shown;
      if (last !== null) target.write(eraseLine);
      target.write(text);
      if (last !== null) draw(last);
    },
    clear() {
      if (!target.isTTY || shown === null) return;
      target.write(eraseLine);
      shown = null;
      drawnAt = Number.NEGATIVE_INFINITY;
    },
  };
}

const count = (n: number): string => Math.round(n).toLocaleString('en');

/** `7 s`, `2 min 05 s`, `1 h 04 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/**
 * `checking: 412,000 rows · 41% of 62 MB · 98,765 rows/s · ETA 6 s`.
 *
 * `elapsedMs` is the time since this pass began (the date-order pre-scan and the check are passes
 * of their own). The share and the ETA come from the bytes read, which a text file reports as it
 * streams; an Excel workbook, read whole, shows rows and rate only.
 */
export function formatCheckProgress(progress: CheckProgress, elapsedMs: number): string {
  const what = progress.phase === 'date-scan' ? 'reading date columns' : 'checking';
  const parts = [`${what}: ${count(progress.rows)} rows`];
  const { bytesRead, totalBytes } = progress;
  const streaming = totalBytes > 0 && bytesRead > 0 && bytesRead <= totalBytes;
  if (streaming) parts.push(`${Math.floor((bytesRead / totalBytes) * 100)}% of ${megabytes(totalBytes)}`);
  const seconds = elapsedMs / 1000;
  if (seconds >= 0.5 && progress.rows > 0) {
    parts.push(`${count(progress.rows / seconds)} rows/s`);
    if (streaming && bytesRead < totalBytes) {
      parts.push(`ETA ${formatDuration((seconds * (totalBytes - bytesRead)) / bytesRead)}`);
    }
  }
  return parts.join(' · ');
}

/** What the run line shows, folded from run events by {@link applyRunEvent}. */
export interface RunProgressState {
  /** When the command began (ms, the caller's clock); before the first event the file is being checked. */
  readonly startedAt: number;
  /** Whether any run event has come yet (sending has begun). */
  readonly sending: boolean;
  readonly rowsSent: number;
  readonly batchesAcknowledged: number;
  readonly totalBatches: number | null;
  readonly rowsPerSecond: number;
  readonly etaSeconds: number | null;
  /** Retries after a server error, a timeout or a dropped connection. */
  readonly retries: number;
  /** Requests Omneo answered with 429 (each waits its `Retry-After`). */
  readonly rateLimited: number;
  /** Until when (in the caller's clock, ms) the latest rate-limit wait lasts; null when none. */
  readonly waitingUntil: number | null;
  /** Why the run is paused, while it is. */
  readonly paused: string | null;
}

/** Nothing sent yet: the run checks its file first (`now` in ms, the clock later calls use). */
export const startRunProgress = (now: number): RunProgressState => ({
  startedAt: now,
  sending: false,
  rowsSent: 0,
  batchesAcknowledged: 0,
  totalBatches: null,
  rowsPerSecond: 0,
  etaSeconds: null,
  retries: 0,
  rateLimited: 0,
  waitingUntil: null,
  paused: null,
});

/** The state after `event`, which happened at `now` (ms, the clock {@link formatRunProgress} is given). */
export function applyRunEvent(before: RunProgressState, event: RunEvent, now: number): RunProgressState {
  const state = before.sending ? before : { ...before, sending: true };
  switch (event.kind) {
    case 'progress':
      return {
        ...state,
        rowsSent: event.rowsSent,
        batchesAcknowledged: event.batchesAcknowledged,
        totalBatches: event.totalBatches,
        rowsPerSecond: event.rowsPerSecond,
        etaSeconds: event.etaSeconds,
      };
    case 'batch-retry-scheduled':
      return event.reason === 'rate-limited'
        ? {
            ...state,
            rateLimited: state.rateLimited + 1,
            waitingUntil: Math.max(state.waitingUntil ?? 0, now + event.delayMs),
          }
        : { ...state, retries: state.retries + 1 };
    case 'paused':
      return { ...state, paused: event.message };
    case 'resumed':
      return { ...state, paused: null };
    default:
      return state;
  }
}

/**
 * `sending: 4,000 rows · 2/5 batches acknowledged · 812 rows/s · ETA 7 s · 3 retries · rate-limited ×4, waiting 2 s`.
 *
 * Retries and rate-limit waits are named as such, so a slow run under a rate limit is not
 * mistaken for a stuck one.
 */
export function formatRunProgress(state: RunProgressState, now: number): string {
  if (!state.sending)
    return `checking the token and the file before sending: ${formatDuration((now - state.startedAt) / 1000)}`;
  if (state.paused !== null) return `paused: ${state.paused}`;
  const total = state.totalBatches === null ? '?' : count(state.totalBatches);
  const parts = [
    `sending: ${count(state.rowsSent)} rows`,
    `${count(state.batchesAcknowledged)}/${total} batches acknowledged`,
    `${count(state.rowsPerSecond)} rows/s`,
  ];
  if (state.etaSeconds !== null) parts.push(`ETA ${formatDuration(state.etaSeconds)}`);
  if (state.retries > 0) parts.push(`${count(state.retries)} ${state.retries === 1 ? 'retry' : 'retries'}`);
  if (state.rateLimited > 0) {
    const waiting = state.waitingUntil !== null && state.waitingUntil > now;
    parts.push(
      waiting
        ? `rate-limited ×${count(state.rateLimited)}, waiting ${formatDuration(Math.ceil(((state.waitingUntil ?? now) - now) / 1000))}`
        : `rate-limited ×${count(state.rateLimited)}`,
    );
  }
  return parts.join(' · ');
}
