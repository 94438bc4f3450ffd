/**
 * Where import jobs are kept by default: a per-user data folder, as each platform expects.
 *
 * Linux: `$XDG_DATA_HOME/omneo-import/jobs` (default `~/.local/share`, XDG Base Directory spec);
 * macOS: `~/Library/Application Support/Omneo Profile Importer/jobs`; Windows: `%APPDATA%\Omneo
 * Profile Importer\jobs`.
 */
import os from 'node:os';
import path from 'node:path';

/** The default journal folder for this user and platform. */
export function defaultJournalDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'Omneo Profile Importer', 'jobs');
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Omneo Profile Importer', 'jobs');
  }
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'omneo-import', 'jobs');
}
