/**
 * The handler registry: one handler slot per contract operation, and the one `dispatch` every
 * transport (Electron IPC, the browser host's HTTP) calls.
 *
 * `dispatch` parses the input with the operation's schema before the handler runs and the output
 * with its schema before it leaves (unknown keys are stripped, so a token a handler wrongly
 * returns never reaches the renderer); a missing handler answers `not-implemented`; a thrown
 * {@link OperationFailure} becomes its typed error; anything else becomes `internal`, logged.
 */
import {
  isOperationName,
  operations,
  type OperationName,
  type OperationOutput,
  type ParsedInput,
} from '../../shared/ipc/contract';
import { describeZodError, failure, type OperationErrorCode, type Reply } from '../../shared/ipc/reply';

/** Who is calling, as the transport established it (used for logs and per-window state). */
export interface CallContext {
  readonly transport: 'electron' | 'http' | 'test';
  /** Set by a handler module for long work the user can cancel (a file read, `file:cancel-read`). */
  readonly signal?: AbortSignal;
}

/** The handler of one operation: parsed input in, the operation's output out. */
export type Handler<K extends OperationName> = (
  input: ParsedInput<K>,
  context: CallContext,
) => Promise<OperationOutput<K>> | OperationOutput<K>;

/** Handlers by operation name; a name without one answers `not-implemented`. */
export type Handlers = { [K in OperationName]?: Handler<K> };

/** Thrown by a handler for an expected failure the renderer should see as a typed error. */
export class OperationFailure extends Error {
  constructor(
    readonly code: OperationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OperationFailure';
  }
}

/** Calls an operation by name with raw (untrusted) input. Never throws. */
export type Dispatch = (operation: string, input: unknown, context: CallContext) => Promise<Reply<unknown>>;

/** Writes one log line; the registry never passes it an input or output (tokens could be there). */
export type Log = (line: string) => void;

/** `options.batchSize` → `Batch size`, `baseUrl` → `Base URL`: the field a path names, in words. */
export function fieldName(path: string): string {
  const last =
    path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? '';
  const words = last
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .replace(/\burl\b/g, 'URL')
    .replace(/\bid\b/g, 'id');
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'A value';
}

/**
 * An invalid-input reply's message, field by field ("Batch size: Too big: expected number to be
 * <=500"), so a page can show it as it is and never a raw "does not match the contract".
 */
export function invalidInputMessage(issues: readonly { path: string; message: string }[]): string {
  if (issues.length === 0) return 'Some of the values given are not valid.';
  return issues
    .slice(0, 3)
    .map((issue) => `${fieldName(issue.path)}: ${issue.message}`)
    .join('; ');
}

/** Builds `dispatch` over a set of handlers. */
export function createDispatch(handlers: Handlers, log: Log): Dispatch {
  return async (operation, rawInput, context) => {
    if (!isOperationName(operation)) {
      return failure('not-found', `There is no operation named "${operation.slice(0, 60)}".`);
    }
    const schemas = operations[operation];
    const parsed = schemas.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = describeZodError(parsed.error);
      return failure('invalid-input', invalidInputMessage(issues), issues);
    }
    const handler = handlers[operation] as Handler<typeof operation> | undefined;
    if (!handler) return failure('not-implemented', `${operation} is not implemented yet.`);
    let result: unknown;
    try {
      result = await handler(parsed.data as never, context);
    } catch (error) {
      if (error instanceof OperationFailure) return failure(error.code, error.message);
      log(`${operation} failed: ${error instanceof Error ? error.name : 'non-error thrown'}`);
      return failure('internal', `${operation} failed inside the app. Details are in the app log.`);
    }
    const output = schemas.output.safeParse(result);
    if (!output.success) {
      log(
        `${operation} answered outside its contract: ${describeZodError(output.error)
          .map((i) => i.path)
          .join(', ')}`,
      );
      return failure('internal', `${operation} answered with something the contract does not allow.`);
    }
    return { ok: true, value: output.data };
  };
}
