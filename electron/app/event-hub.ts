/**
 * The events main pushes to the renderer, checked against the contract on the way out, fanned
 * out to every transport that listens (the Electron window, the browser host's SSE streams).
 */
import { events, type EventName, type EventPayload } from '../../shared/ipc/contract';

/** Receives every event: its name and its checked payload. */
export type EventListener = (event: EventName, payload: unknown) => void;

/** Emits contract events to subscribed transports. */
export interface EventHub {
  /** Parses the payload with the event's schema (unknown keys dropped) and delivers it. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Subscribes a transport; the returned function unsubscribes. */
  subscribe(listener: EventListener): () => void;
}

/**
 * A new hub. A payload outside its schema is a bug: it throws at the emitter, never reaches a
 * listener. `clean` rewrites each checked payload before delivery (e.g. hiding data-folder paths).
 */
export function createEventHub(clean: <T>(payload: T) => T = (payload) => payload): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      const checked = clean(events[event].parse(payload));
      for (const listener of listeners) {
        try {
          listener(event, checked);
        } catch {
          // One broken transport (a closed window or socket) must not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
