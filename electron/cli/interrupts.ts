/**
 * Ctrl+C and SIGTERM during `omneo-import run`: stop cleanly instead of dying mid-request.
 *
 * The first signal stops gently — no new batch starts, the batches already sent get their answer
 * (journalled), and the reports are written. A second signal aborts the requests in flight (the
 * journal records their outcome as unknown; a resume sends them again, which is safe because Omneo
 * upserts on each row's match key). A third exits at once; the journal is still consistent, since
 * every line is fsynced before the request it describes.
 */

/** Exit code after a signal: 128 + its number, as shells report it (SIGINT 130, SIGTERM 143). */
export const signalExitCodes: Readonly<Record<'SIGINT' | 'SIGTERM', number>> = { SIGINT: 130, SIGTERM: 143 };

/** What the run command sees of the signals received. */
export interface Interrupts {
  /** Aborts on the first signal before the run started (during the check), or on the second. */
  readonly signal: AbortSignal;
  /** The first signal received, or null. */
  readonly received: () => 'SIGINT' | 'SIGTERM' | null;
  /** From now on a first signal interrupts this run gently. */
  attach(run: StoppableRun): void;
  /** Stops listening. */
  dispose(): void;
}

/** What a signal stops: gently first (`interrupt`), then at once (`cancel`). */
export interface StoppableRun {
  interrupt(): void;
  cancel(): void;
}

/**
 * Listens for SIGINT and SIGTERM on this process. `notify` prints a line for people (stderr);
 * `exit` ends the process on the third signal (tests pass their own).
 */
export function listenForInterrupts(
  notify: (text: string) => void,
  exit: (code: number) => void = (code) => process.exit(code),
): Interrupts {
  const controller = new AbortController();
  let run: StoppableRun | null = null;
  let first: 'SIGINT' | 'SIGTERM' | null = null;
  let count = 0;
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => {
    count += 1;
    first ??= name;
    if (count === 1 && run) {
      notify(
        'Interrupting: no new batch starts; waiting for the answers to batches already sent (press Ctrl+C again to stop at once).',
      );
      run.interrupt();
    } else if (count <= 2) {
      if (run) notify('Stopping now: batches in flight are journalled as unknown and re-sent on resume.');
      controller.abort();
      run?.cancel();
    } else {
      exit(signalExitCodes[first]);
    }
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    received: () => first,
    attach(next) {
      run = next;
    },
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
