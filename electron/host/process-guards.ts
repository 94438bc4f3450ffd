/**
 * Keeps the browser host alive after an error no request, check or batch caught, and says why.
 *
 * The host serves every tab and job of the user from one process, so one stray error must not end
 * it: Node's default ends the process on an uncaught exception and, since Node 15, on an unhandled
 * promise rejection. Each is logged instead — its kind and where it was thrown, never its message,
 * because messages quote values (a JSON parse error quotes the cell, a schema error the field) and
 * a log line must not carry customer data.
 *
 * Living on is safe for a rejected promise (the work that awaited it is simply lost) and for an
 * exception thrown out of one callback (Node's own state is intact; our services keep theirs per
 * request and per job). It is not safe when Node itself reports a broken invariant
 * (`ERR_INTERNAL_ASSERTION`), or when errors keep coming (a loop failing forever): then the host
 * logs that and exits with 70 (EX_SOFTWARE), and the user restarts it; the job journal resumes any
 * import it was running.
 */

/** What the guards need. */
export interface ProcessGuardOptions {
  /** Writes one log line (no newline). */
  readonly log: (line: string) => void;
  /** Ends the process with a code when living on is not safe (default `process.exit`). */
  readonly exit?: (code: number) => void;
  /** Milliseconds now (default `Date.now`). */
  readonly now?: () => number;
  /** Where `uncaughtException` and `unhandledRejection` are emitted (default `process`). */
  readonly target?: NodeJS.EventEmitter;
}

/** Most uncaught errors within {@link stormWindowMs} before the host stops: 20. */
export const maxErrorsPerWindow = 20;
/** The window in which uncaught errors are counted: one minute. */
export const stormWindowMs = 60_000;
/** Stack frames logged per error: enough to find the place, short enough to read. */
const framesLogged = 6;

/**
 * `TypeError [ERR_X] at parse (file.js:1:2) < run (file.js:3:4)`: what kind of error and where,
 * without its message. A value that is not an Error is named by its type only.
 */
export function describeWithoutData(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${error === null ? 'null' : typeof error}`;
  const code = (error as { code?: unknown }).code;
  const kind = `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}`;
  const frames = (error.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, framesLogged)
    .map((line) => line.slice(3));
  return frames.length === 0 ? kind : `${kind} at ${frames.join(' < ')}`;
}

/**
 * Installs the guards; answers a function that removes them. See the module comment for what is
 * logged and when the host still exits.
 */
export function installProcessGuards(options: ProcessGuardOptions): () => void {
  const target = options.target ?? process;
  const now = options.now ?? Date.now;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let recent: number[] = [];

  const giveUp = (why: string): void => {
    options.log(`${why}; the host stops so it can be started again (any import resumes from its journal).`);
    exit(70);
  };

  const onException = (error: unknown, origin: string): void => {
    const what = origin === 'unhandledRejection' ? 'unhandled rejection' : 'uncaught exception';
    const at = now();
    recent = recent.filter((t) => at - t < stormWindowMs);
    recent.push(at);
    const fatal =
      (error as { code?: unknown } | null)?.code === 'ERR_INTERNAL_ASSERTION'
        ? 'Node reported a broken internal state'
        : recent.length > maxErrorsPerWindow
          ? `${recent.length} uncaught errors within a minute`
          : null;
    options.log(`${what}${fatal === null ? ', the host carries on' : ''}: ${describeWithoutData(error)}`);
    if (fatal !== null) giveUp(fatal);
  };
  const onRejection = (reason: unknown): void => onException(reason, 'unhandledRejection');

  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
