/**
 * After a full import through the browser host — an uploaded file, a saved connection and mapping
 * template, the Sandbox, the job's journal, settings, reports and outcome — every file in the data
 * folder is 0600 and every folder 0700, starting from a data folder that was 0755.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../../electron/host/browser-host';
import { fixturePath } from '../../support/shared-paths';

/** Every entry under `root` with its mode, as `relative path: 0NNN` lines, sorted. */
async function modes(root: string): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const mode = ((await stat(full)).mode & 0o777).toString(8);
      lines.push(`${path.relative(root, full)}${entry.isDirectory() ? '/' : ''}: 0${mode}`);
      if (entry.isDirectory()) await walk(full);
    }
  };
  lines.push(`./: 0${((await stat(root)).mode & 0o777).toString(8)}`);
  await walk(root);
  return lines.sort();
}

describe.runIf(process.platform !== 'win32')('the data folder after a full import', () => {
  it('holds only 0600 files in 0700 folders', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-private-'));
    const dataDir = path.join(dir, 'data');
    const rendererDir = path.join(dir, 'renderer');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    await mkdir(rendererDir);
    const host = await startBrowserHost({
      dataDir,
      rendererDir,
      port: 0,
      sandboxOptions: { processingDelayMs: 0 },
    });
    try {
      const code = new URL(host.startLink()).hash.slice('#start='.length);
      const session = await fetch(`${host.origin}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      const key = ((await session.json()) as { value: { session: string } }).value.session;
      const uploaded = await fetch(`${host.origin}/api/upload`, {
        method: 'POST',
        headers: {
          'X-Omneo-Session': key,
          'X-File-Name': 'people-1000.csv',
          'Content-Type': 'application/octet-stream',
        },
        body: await readFile(fixturePath('people-1000.csv')),
      });
      const ref = ((await uploaded.json()) as { value: { ref: string } }).value.ref;
      const call = async <T>(operation: string, input: unknown): Promise<T> => {
        const reply = await host.services.dispatch(operation, input, { transport: 'test' });
        if (!reply.ok) throw new Error(`${operation}: ${reply.error.message}`);
        return reply.value as T;
      };
      const opened = await call<{ fileId: string; info: { columns: { header: string }[] } }>('file:open', {
        via: 'ref',
        ref,
      });
      const fileId = opened.fileId;
      const suggested = await call<{ columns: { index: number; target: string | null }[] }>(
        'mapping:suggest',
        {
          fileId,
        },
      );
      await call('mapping:save-template', {
        name: 'People',
        headers: opened.info.columns.map((c) => c.header),
        mapping: suggested.columns.flatMap((c) =>
          c.target === null ? [] : [{ column: c.index, target: c.target }],
        ),
      });
      await call('connections:save', {
        name: 'Acme',
        baseUrl: 'https://api.acme.getomneo.com/api/v3',
        token: 'tok-1',
      });
      const checked = new Promise<void>((resolve) =>
        host.services.events.subscribe(
          (event, payload) =>
            event === 'check:progress' && (payload as { complete?: boolean }).complete && resolve(),
        ),
      );
      const check = await call<{ complete?: boolean }>('check:run', {
        fileId,
        options: { phoneRegion: 'AU' },
      });
      if (!check.complete) await checked;
      const finished = new Promise<void>((resolve) =>
        host.services.events.subscribe((event) => event === 'job:finished' && resolve()),
      );
      await call('import:start', { fileId, connectionId: 'sandbox', confirmed: true });
      await finished;
    } finally {
      await host.close();
    }
    const listed = await modes(dataDir);
    for (const expected of ['uploads/', 'jobs/', 'sandbox/tenant.json', 'connections.json', 'mappings/']) {
      expect(listed.some((line) => line.startsWith(expected))).toBe(true);
    }
    for (const expected of ['job.json', 'journal.jsonl', 'outcome.json', 'results.csv', 'errors.csv']) {
      expect(listed.some((line) => line.includes(`/${expected}: `))).toBe(true);
    }
    expect(listed.filter((line) => !/(\/: 0700|[^/]: 0600)$/.test(line))).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
});
