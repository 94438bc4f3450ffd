/**
 * The renderer's API, derived from the contract: one method per operation, grouped by domain
 * (`bridge.connections.test({ id })`, `bridge.mapping.saveTemplate(…)`), plus typed event
 * subscriptions that return an unsubscribe.
 *
 * The same object is built over any {@link Transport} — Electron IPC in the preload, HTTP + SSE in
 * the browser — so the renderer never knows which one it runs on. Replies and event payloads are
 * checked against the contract on arrival; anything else becomes an `internal` error, never a crash.
 */
import { z } from 'zod';
import {
  events,
  operationNames,
  operations,
  type EventName,
  type EventPayload,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from './contract';
import { replySchema, type Reply } from './reply';

/** `save-template` → `saveTemplate`. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
type DomainOf<K extends string> = K extends `${infer D}:${string}` ? D : never;
type VerbOf<K extends string> = K extends `${string}:${infer V}` ? CamelCase<V> : never;

/** The method for one operation; the input is optional when the operation takes none. */
export type OperationMethod<K extends OperationName> =
  Record<string, never> extends OperationInput<K>
    ? (input?: OperationInput<K>) => Promise<Reply<OperationOutput<K>>>
    : (input: OperationInput<K>) => Promise<Reply<OperationOutput<K>>>;

/** One method per operation, grouped by domain, derived from the contract. */
export type OperationMethods = {
  readonly [D in DomainOf<OperationName>]: {
    readonly [K in OperationName as DomainOf<K> extends D ? VerbOf<K> : never]: OperationMethod<K>;
  };
};

/** A file main now knows by `ref` (for `file:open { via: 'ref' }`). */
export const registeredFileSchema = z.object({ ref: z.string(), name: z.string(), size: z.number() });
export type RegisteredFile = z.output<typeof registeredFileSchema>;

/** Subscribes to an event; the returned function unsubscribes. */
export type Subscribe = <E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
) => () => void;

/** What `registerFile` needs of an `AbortSignal` (shared/ code has no DOM or Node types). */
export interface UploadSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
}

/**
 * The whole bridge. `F` is the transport's file object (a DOM `File` in the renderer):
 * `registerFile` hands a chosen or dropped file to main (Electron: by the path the OS gave the
 * preload; browser: an upload) and answers with the ref to open it by.
 */
export type Bridge<F = unknown> = OperationMethods & {
  readonly on: Subscribe;
  /** `signal` stops an upload under way (the browser host); a path is registered at once. */
  readonly registerFile: (file: F, signal?: UploadSignal) => Promise<Reply<RegisteredFile>>;
};

/** How a bridge reaches main. Replies and payloads arrive unchecked; the bridge checks them. */
export interface Transport<F = unknown> {
  invoke(operation: OperationName, input: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  registerFile(file: F, signal?: UploadSignal): Promise<unknown>;
}

/** The IPC channel (Electron) or path segment (HTTP) of an operation. */
export function channelOf(operation: OperationName): string {
  return operation;
}

const replySchemas = new Map(operationNames.map((name) => [name, replySchema(operations[name].output)]));
const registeredFileReplySchema = replySchema(registeredFileSchema);

function checkReply(schema: z.ZodType, raw: unknown): Reply<never> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data as Reply<never>;
  return {
    ok: false,
    error: { code: 'internal', message: 'Main sent a reply the contract does not allow.' },
  };
}

async function call(schema: z.ZodType, send: () => Promise<unknown>): Promise<Reply<never>> {
  try {
    return checkReply(schema, await send());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `Could not reach the app: ${message}` } };
  }
}

/** Builds the bridge over a transport: one method per contract operation, all checked. */
export function createBridge<F>(transport: Transport<F>): Bridge<F> {
  const domains: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of operationNames) {
    const [domain = '', verb = ''] = name.split(':');
    const method = verb.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const schema = replySchemas.get(name) as z.ZodType;
    (domains[domain] ??= {})[method] = (input?: unknown) =>
      call(schema, () => transport.invoke(name, input ?? {}));
  }
  const on: Subscribe = (event, listener) =>
    transport.subscribe(event, (raw) => {
      const parsed = events[event].safeParse(raw);
      if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
    });
  const registerFile = (file: F, signal?: UploadSignal) =>
    call(registeredFileReplySchema, () => transport.registerFile(file, signal)) as Promise<
      Reply<RegisteredFile>
    >;
  return { ...domains, on, registerFile } as unknown as Bridge<F>;
}
