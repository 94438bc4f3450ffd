/**
 * The preload: exposes the contract's bridge as `window.omneo` through contextBridge — one method
 * per operation, `on(event, listener)` returning an unsubscribe, and `registerFile(file)` for a
 * chosen or dropped file (its path comes from the OS via webUtils, never from page script).
 * `ipcRenderer` itself is never exposed. Bundled into one CommonJS file for the sandbox.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { createBridge, type Transport } from '../../shared/ipc/bridge';
import { eventChannel, registerFileChannel } from './ipc-channels';

/** IPC as a bridge transport. */
export const ipcTransport: Transport<File> = {
  invoke: (operation, input) => ipcRenderer.invoke(operation, input),
  subscribe(event, listener) {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(eventChannel(event), handler);
    return () => {
      ipcRenderer.removeListener(eventChannel(event), handler);
    };
  },
  registerFile: (file) => ipcRenderer.invoke(registerFileChannel, { path: webUtils.getPathForFile(file) }),
};

contextBridge.exposeInMainWorld('omneo', createBridge(ipcTransport));
