/**
 * IPC channel names shared by main and the preload. Kept free of Node imports: the sandboxed
 * preload may only load `electron`.
 */
import type { EventName } from '../../shared/ipc/contract';

/** The channel the preload uses to hand main a chosen or dropped file's path. */
export const registerFileChannel = 'file:register-path';

/** The channel an event is sent on. */
export function eventChannel(event: EventName): string {
  return `event:${event}`;
}
