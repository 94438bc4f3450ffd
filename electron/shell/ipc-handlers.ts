/**
 * Wires the contract to Electron IPC: one `ipcMain.handle` per operation, each checking that the
 * sender is our own top frame before the registry parses the input with the contract's schema;
 * events go to the window on `event:<name>` channels.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { channelOf } from '../../shared/ipc/bridge';
import { operationNames } from '../../shared/ipc/contract';
import { failure } from '../../shared/ipc/reply';
import type { AppServices } from '../app/app-services';
import { eventChannel, registerFileChannel } from './ipc-channels';
import { isTrustedSender, type RendererLocation } from './trusted-origin';

export { eventChannel, registerFileChannel };

const registerFileInput = z.strictObject({ path: z.string().min(1).max(4096).refine(isAbsolute) });

const forbidden = () => failure('forbidden', 'This request did not come from the app window.');

/**
 * Registers every operation's handler (and the file-registration channel) on `ipcMain`.
 * Returns a function that removes them all.
 */
export function registerContractHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  services: AppServices,
  location: RendererLocation,
): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => isTrustedSender(event.senderFrame, location);
  for (const operation of operationNames) {
    ipcMain.handle(channelOf(operation), (event, input: unknown) =>
      trusted(event) ? services.dispatch(operation, input, { transport: 'electron' }) : forbidden(),
    );
  }
  ipcMain.handle(registerFileChannel, async (event, input: unknown) => {
    if (!trusted(event)) return forbidden();
    const parsed = registerFileInput.safeParse(input);
    if (!parsed.success) return failure('invalid-input', 'That is not a file this app can open.');
    try {
      return { ok: true, value: await services.context.files.register(parsed.data.path) };
    } catch {
      return failure('not-found', 'That file cannot be read (it may be a folder or gone).');
    }
  });
  return () => {
    for (const operation of operationNames) ipcMain.removeHandler(channelOf(operation));
    ipcMain.removeHandler(registerFileChannel);
  };
}

/** Forwards every event to a window's renderer until it is destroyed; returns an unsubscribe. */
export function forwardEvents(services: AppServices, contents: Pick<WebContents, 'send' | 'isDestroyed'>) {
  return services.events.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
  });
}
