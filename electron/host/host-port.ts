/**
 * The browser host's port, kept from one run to the next: a tab left open when the host stopped
 * reconnects once `npm start` runs again, because its address (and so its sessionStorage, where
 * the wizard's state is) is the same. Used only when no port was asked for; when the last port is
 * taken, a free one is used and the old tab's banner says how to open the new address.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writePrivateFile } from '../files/private-files';

/** The file in the data folder that holds the last port (`{"port":N}`). */
export const hostPortFileName = 'host-port.json';

/** The last run's port, or null (none kept, or unreadable). */
export async function lastHostPort(dataDir: string): Promise<number | null> {
  try {
    const kept = JSON.parse(await readFile(path.join(dataDir, hostPortFileName), 'utf8')) as {
      port?: unknown;
    };
    const port = kept.port;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}

/** Keeps `port` for the next run (best effort: a read-only data folder only loses the reuse). */
export async function keepHostPort(dataDir: string, port: number): Promise<void> {
  await writePrivateFile(path.join(dataDir, hostPortFileName), JSON.stringify({ port })).catch(
    () => undefined,
  );
}

/**
 * Calls `listen` with the last run's port when there is one, and with 0 (a free port) when there
 * is none or it is taken (EADDRINUSE, EACCES); other errors are thrown.
 */
export async function listenOnLastPort<T>(dataDir: string, listen: (port: number) => Promise<T>): Promise<T> {
  const last = await lastHostPort(dataDir);
  if (last !== null) {
    try {
      return await listen(last);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    }
  }
  return listen(0);
}
