/**
 * The browser host's own files: uploads (the page's chosen or dropped file, stored in the host's
 * temp folder and opened by ref, so the renderer never names a path) and reports offered once as
 * downloads (the host has no save dialog).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReportSink } from '../app/app-services';

/** Largest upload accepted, in bytes (2 GiB: far beyond the million-row test file). */
export const maxUploadBytes = 2 * 1024 ** 3;

/** Thrown when an upload is larger than {@link maxUploadBytes}. */
export class UploadTooLargeError extends Error {
  constructor() {
    super(`The file is larger than ${maxUploadBytes / 1024 ** 3} GiB.`);
    this.name = 'UploadTooLargeError';
  }
}

/** Uploads and downloads of one host run, under one temp folder. */
export interface HostFiles {
  /** Stores an upload under its (cleaned) original name; answers its path. */
  storeUpload(name: string, body: Readable): Promise<string>;
  /** Saves a report for one download; the ReportSink the services are given. */
  readonly saveReport: ReportSink;
  /** The file behind a download id, or null. */
  download(id: string): { readonly path: string; readonly name: string } | null;
  /** Deletes the temp folder. */
  close(): Promise<void>;
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

/** Host files under `tempDir` (created on demand, removed by `close`). */
export function createHostFiles(tempDir: string): HostFiles {
  const downloads = new Map<string, { path: string; name: string }>();
  return {
    async storeUpload(name, body) {
      const folder = path.join(tempDir, 'uploads', randomUUID());
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const target = path.join(folder, cleanFileName(name));
      let bytes = 0;
      body.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxUploadBytes) body.destroy(new UploadTooLargeError());
      });
      await pipeline(body, createWriteStream(target, { mode: 0o600 }));
      return target;
    },
    async saveReport(name, content, rows) {
      const id = randomUUID();
      const folder = path.join(tempDir, 'reports', id);
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const clean = cleanFileName(name);
      const target = path.join(folder, clean);
      await writeFile(target, content, { mode: 0o600 });
      downloads.set(id, { path: target, name: clean });
      return { kind: 'download', name: clean, rows, href: `/api/download/${id}` };
    },
    download: (id) => downloads.get(id) ?? null,
    close: () => rm(tempDir, { recursive: true, force: true }),
  };
}
