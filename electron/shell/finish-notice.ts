/**
 * The OS notification when an import ends while the user looks elsewhere: a long import runs for
 * minutes, and the window may be behind others or minimised. Clicking it brings the window back.
 */
import { Notification, type BrowserWindow } from 'electron';
import type { AppServices } from '../app/app-services';
import type { EventPayload } from '../../shared/ipc/contract';
import { finishedImportBody, finishedImportTitle } from '../../shared/app/finished-import-words';

/**
 * Shows a notification for each `job:finished` (not for a pause) while the window is not
 * focused. Answers the unsubscribe.
 */
export function notifyFinishedImports(services: AppServices, window: () => BrowserWindow | null): () => void {
  return services.events.subscribe((event, payload) => {
    if (event !== 'job:finished' || !Notification.isSupported()) return;
    const { job } = payload as EventPayload<'job:finished'>;
    if (job.state === 'paused' || window()?.isFocused()) return;
    const notice = new Notification({ title: finishedImportTitle(job), body: finishedImportBody(job) });
    notice.on('click', () => {
      const shown = window();
      if (!shown) return;
      if (shown.isMinimized()) shown.restore();
      shown.focus();
    });
    notice.show();
  });
}
