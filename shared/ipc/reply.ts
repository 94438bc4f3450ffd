/**
 * The envelope every operation answers with: the value, or a typed error.
 *
 * Operation-specific outcomes (a file error, an unreachable server) are part of each operation's
 * own output union; this envelope carries what can go wrong with any call: the input broke the
 * contract, the sender is not ours, the operation has no handler yet, or main failed.
 */
import { z } from 'zod';

/** What can go wrong with any call, whatever the operation. */
export const operationErrorCodes = [
  /** The input does not match the operation's schema; `issues` says where. */
  'invalid-input',
  /** The caller is not the app's own frame, or lacks the host's session token. */
  'forbidden',
  /** No handler is registered for the operation (yet). */
  'not-implemented',
  /** This runtime cannot do it (e.g. a native dialog in the browser host). */
  'not-supported',
  /** The file, connection, job or template named does not exist (any more). */
  'not-found',
  /** The request conflicts with the current state (e.g. an import is already running). */
  'conflict',
  /** Main failed; the message is safe to show and never holds a token. */
  'internal',
] as const;
export type OperationErrorCode = (typeof operationErrorCodes)[number];

export const operationErrorSchema = z.object({
  code: z.enum(operationErrorCodes),
  message: z.string(),
  /** For `invalid-input`: each problem with the dotted path of the offending field. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** A typed error of the envelope. */
export type OperationError = {
  readonly code: OperationErrorCode;
  readonly message: string;
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
};

/** The envelope: `ok: true` with the operation's output, or `ok: false` with an {@link OperationError}. */
export type Reply<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: OperationError };

/** Schema of the envelope around an output schema, to check what crosses the boundary. */
export function replySchema<S extends z.ZodType>(value: S) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: operationErrorSchema }),
  ]);
}

/** An error reply. */
export function failure(
  code: OperationErrorCode,
  message: string,
  issues?: OperationError['issues'],
): Reply<never> {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
}

/** Turns a zod error into the `issues` of an `invalid-input` error. */
export function describeZodError(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
}
