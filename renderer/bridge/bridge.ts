/**
 * The renderer's one way to main: `bridge`, typed from the contract.
 *
 * In Electron the preload exposes it as `window.omneo` (over IPC); in a browser it is built here
 * over HTTP + SSE. Nothing else in the renderer differs between the two.
 */
import { createBridge, type Bridge } from '../../shared/ipc/bridge';
import { createHttpTransport } from './http-transport';

export type { Bridge } from '../../shared/ipc/bridge';
export type { Reply, OperationError } from '../../shared/ipc/reply';
export type { OperationInput, OperationOutput, EventPayload } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a browser. */
    readonly omneo?: Bridge<File>;
  }
}

/** Which transport this page uses. */
export const transportKind: 'electron' | 'http' =
  typeof window !== 'undefined' && window.omneo ? 'electron' : 'http';

/** The bridge to main: one method per operation, `on` for events, `registerFile` for files. */
export const bridge: Bridge<File> = window.omneo ?? createBridge(createHttpTransport());
