/**
 * Hostile files given to the browser host over HTTP (upload, `file:open`, `mapping:suggest`):
 * each gets a clear answer within a time and memory bound, and while it is handled the host keeps
 * answering a cheap request (`app:info`) within 1 s — workbooks are read off the request thread.
 *
 * Not here yet: a stray cell at XFD1048576 (the connection was reset after ~40 s on a loaded
 * machine) and 10,000 rows with a stray XFD1 (a 2.6 s pause of the request thread): the reader
 * answers in its worker, but the host's own handling of 16,384 columns still blocks (issue 9).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { row, text, xlsxBook, xlsxFile, zipFile } from '../../support/xlsx-file';

let dir = '';
let host: BrowserHost;
let session = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-host-hostile-'));
  await mkdir(path.join(dir, 'renderer'));
  host = await startBrowserHost({
    dataDir: path.join(dir, 'data'),
    rendererDir: path.join(dir, 'renderer'),
    port: 0,
  });
  const code = new URL(host.startLink()).hash.slice('#start='.length);
  const answer = await fetch(`${host.origin}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  session = ((await answer.json()) as { value: { session: string } }).value.session;
});

afterAll(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

async function call(
  operation: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const answer = await fetch(`${host.origin}/api/${operation}`, {
    method: 'POST',
    headers: { 'X-Omneo-Session': session, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await answer.json()) as { ok: boolean; value?: unknown };
}

interface Handled {
  readonly opened: { kind: string; info?: { columns: unknown[] }; error?: { message: string } };
  readonly ms: number;
  /** The slowest answer to `app:info` while the file was handled, in ms. */
  readonly slowestPingMs: number;
  readonly rssGrowthMb: number;
}

/** Uploads and opens `bytes` as `name` (then asks for a mapping when it opened), pinging meanwhile. */
async function handle(name: string, bytes: Buffer): Promise<Handled> {
  const uploaded = await fetch(`${host.origin}/api/upload`, {
    method: 'POST',
    headers: { 'X-Omneo-Session': session, 'X-File-Name': name, 'Content-Type': 'application/octet-stream' },
    body: new Blob([new Uint8Array(bytes)]),
  });
  const ref = ((await uploaded.json()) as { value: { ref: string } }).value.ref;
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let slowestPingMs = 0;
  let done = false;
  const pinging = (async () => {
    while (!done) {
      const started = performance.now();
      const info = await call('app:info', {});
      expect(info.ok).toBe(true);
      slowestPingMs = Math.max(slowestPingMs, performance.now() - started);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const started = performance.now();
  try {
    const reply = await call('file:open', { via: 'ref', ref });
    const opened = reply.value as Handled['opened'];
    if (opened.kind === 'opened') {
      const fileId = (opened as { fileId?: string }).fileId;
      expect((await call('mapping:suggest', { fileId })).ok).toBe(true);
    }
    return {
      opened,
      ms: performance.now() - started,
      slowestPingMs,
      rssGrowthMb: (rssPeak - rssBefore) / 1024 / 1024,
    };
  } finally {
    done = true;
    await pinging;
  }
}

/** Loose bounds: the machine running the tests is shared; the faults were seconds and gigabytes. */
const bounds = { ms: 30_000, pingMs: 1_000, rssGrowthMb: 600 };

/** `mib` MiB of spaces as one sheet, deflated without holding the whole text. */
function spacesSheet(mib: number): Buffer {
  const rows = row(1, text('A1', 'email')) + row(2, text('A2', 'a@x.com'));
  return xlsxFile({ rows: rows + ' '.repeat(mib * 1024 * 1024) });
}

describe('hostile workbooks through the browser host', () => {
  const cases: [string, () => Buffer, (opened: Handled['opened']) => void][] = [
    [
      'a zip bomb: a few hundred KB that unzip to 200 MB of spaces',
      () => spacesSheet(200),
      (opened) => expect(opened.error?.message).toContain('in one run between tags'),
    ],
    [
      'a ZIP that says a part is 1 KB and inflates far beyond',
      () => zipFile([{ name: 'xl/workbook.xml', data: ' '.repeat(50 * 1024 * 1024), declaredSize: 1024 }]),
      (opened) => expect(opened.error?.message).toMatch(/^liar\.xlsx could not be read as an Excel workbook/),
    ],
    [
      'elements nested 200,000 deep',
      () => xlsxFile({ rows: row(1, text('A1', 'email')) + '<x>'.repeat(200_000) + '</x>'.repeat(200_000) }),
      (opened) => expect(opened.error?.message).toContain('deeper than the 64 levels'),
    ],
    [
      '1,000 sheets',
      () =>
        xlsxBook({
          sheets: Array.from({ length: 1_000 }, (_, i) => ({
            sheetName: `S${i}`,
            rows: row(1, text('A1', 'email')) + row(2, text('A2', `p${i}@x.com`)),
          })),
        }),
      (opened) => expect(opened.kind).toBe('opened'),
    ],
    [
      'an encrypted part',
      () => zipFile([{ name: 'xl/workbook.xml', data: '<workbook/>', encrypted: true }]),
      (opened) => expect(opened.error?.message).toContain('is encrypted'),
    ],
    [
      'a damaged ZIP',
      () => xlsxFile({ rows: row(1, text('A1', 'email')) }).subarray(0, 200),
      (opened) => expect(opened.kind).toBe('file-error'),
    ],
    [
      'a .xlsx that is really CSV',
      () => Buffer.from('email,first_name\na@x.com,Ana\n'),
      (opened) => expect(opened.info?.columns).toHaveLength(2),
    ],
  ];
  it.each(cases)(
    '%s: a clear answer, and the host answers meanwhile',
    async (label, make, check) => {
      const name = label.includes('says a part') ? 'liar.xlsx' : 'hostile.xlsx';
      const result = await handle(name, make());
      check(result.opened);
      expect(result.ms).toBeLessThan(bounds.ms);
      expect(result.slowestPingMs).toBeLessThan(bounds.pingMs);
      expect(result.rssGrowthMb).toBeLessThan(bounds.rssGrowthMb);
      if (result.opened.kind === 'file-error') expect(result.opened.error?.message).toContain(name);
    },
    120_000,
  );
});
