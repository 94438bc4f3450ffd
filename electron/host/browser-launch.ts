/**
 * Opening the user's browser on a start link without putting the link on any command line.
 *
 * Command lines are readable by every local user (`ps`), so the browser is given the path of a
 * launcher file instead: a one-line HTML page, 0600 in the host's private temp folder, that
 * forwards to the start link. The file is deleted as soon as its link is used or expires. A
 * browser that cannot open it (e.g. a confined snap that cannot see the temp folder) changes
 * nothing: the link printed in the terminal works the same.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writePrivateFile } from '../files/private-files';

/** HTML that forwards to `link` at once (a meta refresh: no script, so the page's CSP is moot). */
export function launcherHtml(link: string): string {
  const escaped = link.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return (
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
    `<meta http-equiv="refresh" content="0;url=${escaped}"><title>Omneo Profile Importer</title>\n`
  );
}

/**
 * Writes a launcher for a start link into `folder` and answers its path; `makeLink` gets the
 * callback that deletes the file, to run when the link is used or expires.
 */
export async function writeLauncher(
  folder: string,
  makeLink: (onUsed: () => void) => string,
): Promise<string> {
  const file = path.join(folder, `open-${randomUUID()}.html`);
  const link = makeLink(() => void rm(file, { force: true }).catch(() => undefined));
  await writePrivateFile(file, launcherHtml(link));
  return file;
}

/** Opens a local file in the user's browser; failure is fine (the link is printed). */
export function openInBrowser(file: string): void {
  const target = pathToFileURL(file).href;
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [target]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', target]]
        : ['xdg-open', [target]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser launcher here; the printed link is enough.
  }
}
