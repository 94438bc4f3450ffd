/**
 * The bridge, handed to every step through React context, and small helpers to call it.
 *
 * Steps take the bridge from context rather than importing the module-level one, so the wizard can
 * run over any transport (the preload's IPC, HTTP + SSE) and a test can render it over its own.
 */
import { createContext, useContext, useEffect, useRef } from 'react';
import type { Bridge } from '../../shared/ipc/bridge';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { Reply } from '../../shared/ipc/reply';

/** The renderer's bridge (a DOM `File` is what `registerFile` takes). */
export type AppBridge = Bridge<File>;

const BridgeContext = createContext<AppBridge | null>(null);

/** Provides the bridge to the wizard. */
export const BridgeProvider = BridgeContext.Provider;

/** The bridge. Throws when rendered outside {@link BridgeProvider} (a programming error). */
export function useBridge(): AppBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge needs a BridgeProvider above it.');
  return bridge;
}

/** Thrown by {@link unwrap} for an error reply; `message` is safe to show. */
export class ReplyError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ReplyError';
  }
}

/** The value of a reply, or a {@link ReplyError} thrown with main's message. */
export async function unwrap<T>(reply: Promise<Reply<T>>): Promise<T> {
  const answer = await reply;
  if (answer.ok) return answer.value;
  // Main words invalid input field by field already; its paths are for programs, not people.
  throw new ReplyError(answer.error.message, answer.error.code);
}

/** A failure as a sentence for the page. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Subscribes to a main event for the component's lifetime. The latest `listener` is always called
 * (kept in a ref), so callers need not memoise it.
 */
export function useMainEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const bridge = useBridge();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => bridge.on(event, (payload) => latest.current(payload)), [bridge, event]);
}
