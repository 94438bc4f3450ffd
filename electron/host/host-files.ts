/**
 * The browser host's own files: uploads (the page's chosen or dropped file, kept under the data
 * folder and opened by ref, so the renderer never names a path) and reports offered once as
 * downloads (the host has no save dialog).
 *
 * Uploads live in `<dataDir>/uploads/<id>/<name>` (folder 0700, file 0600), not in a temp folder:
 * an import job refers to its file by path, and resuming it after the host restarted — or retrying
 * its failed rows — reads the file again. An upload is deleted once no job refers to it
 * ({@link pruneUploads}, when the host starts and stops). Reports stay in the run's temp folder.
 */
import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReportSink } from '../app/app-services';
import { ensurePrivateFolder, openPrivateWriteStream, writePrivateFile } from '../files/private-files';
import { jobFilePaths } from '../jobs/job-store';

/** Largest upload accepted, in bytes (2 GiB: far beyond the million-row test file). */
export const maxUploadBytes = 2 * 1024 ** 3;

/** How long a report waits for its one download, in milliseconds (10 minutes). */
export const downloadLifetimeMs = 10 * 60_000;

/** Thrown when an upload is larger than {@link maxUploadBytes}. */
export class UploadTooLargeError extends Error {
  constructor() {
    super(`The file is larger than ${maxUploadBytes / 1024 ** 3} GiB.`);
    this.name = 'UploadTooLargeError';
  }
}

/** Uploads and downloads of one host run. */
export interface HostFiles {
  /** Stores an upload under its (cleaned) original name; answers its path. */
  storeUpload(name: string, body: Readable): Promise<string>;
  /** Saves a report for one download; the ReportSink the services are given. */
  readonly saveReport: ReportSink;
  /**
   * The file behind a download id, once: the id is forgotten as it is taken (it is the download's
   * only credential, see host-server.ts), and after {@link downloadLifetimeMs}. Null when unknown.
   */
  takeDownload(id: string): { readonly path: string; readonly name: string } | null;
  /** Deletes the temp folder (reports) and the uploads no job refers to. */
  close(): Promise<void>;
}

/** Where the host keeps its files. */
export interface HostFolders {
  /** This run's temp folder (reports), removed by `close`. */
  readonly tempDir: string;
  /** The uploads folder under the data folder (`<dataDir>/uploads`). */
  readonly uploadsDir: string;
  /** The jobs folder (`<dataDir>/jobs`), to know which uploads a job still needs. */
  readonly journalDir: string;
}

/** A file name safe to write: the last path part, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f && !'<>:"|?*'.includes(ch))
    .join('')
    .trim()
    .slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'upload' : clean;
}

/**
 * Deletes every upload folder under `uploadsDir` whose file no job in `journalDir` refers to
 * (`job.json` `file.path`); answers how many were deleted. Unreadable jobs keep nothing alive.
 */
export async function pruneUploads(uploadsDir: string, journalDir: string): Promise<number> {
  const kept = new Set<string>();
  for (const file of await jobFilePaths(journalDir)) kept.add(path.dirname(path.resolve(file)));
  let deleted = 0;
  for (const name of await readdir(uploadsDir).catch(() => [] as string[])) {
    const folder = path.resolve(uploadsDir, name);
    if (kept.has(folder)) continue;
    await rm(folder, { recursive: true, force: true });
    deleted += 1;
  }
  return deleted;
}

/** Host files in `folders` (created on demand). */
export function createHostFiles(folders: HostFolders): HostFiles {
  const downloads = new Map<string, { path: string; name: string }>();
  return {
    async storeUpload(name, body) {
      await ensurePrivateFolder(folders.uploadsDir);
      const folder = path.join(folders.uploadsDir, randomUUID());
      const target = path.join(folder, cleanFileName(name));
      try {
        // Open first: a 'data' listener starts the body flowing, and nothing may pass unwritten.
        const file = await openPrivateWriteStream(target);
        let bytes = 0;
        body.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > maxUploadBytes) body.destroy(new UploadTooLargeError());
        });
        await pipeline(body, file);
      } catch (error) {
        await rm(folder, { recursive: true, force: true });
        throw error;
      }
      return target;
    },
    async saveReport(name, content, rows) {
      const id = randomUUID();
      const folder = path.join(folders.tempDir, 'reports', id);
      const clean = cleanFileName(name);
      const target = path.join(folder, clean);
      await writePrivateFile(target, content);
      downloads.set(id, { path: target, name: clean });
      setTimeout(() => downloads.delete(id), downloadLifetimeMs).unref();
      return { kind: 'download', name: clean, rows, href: `/api/download/${id}` };
    },
    takeDownload(id) {
      const file = downloads.get(id) ?? null;
      downloads.delete(id);
      return file;
    },
    async close() {
      await rm(folders.tempDir, { recursive: true, force: true });
      await pruneUploads(folders.uploadsDir, folders.journalDir).catch(() => 0);
    },
  };
}
