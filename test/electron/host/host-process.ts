/**
 * The bundled browser host (`node dist/host.mjs`) in a child process, for tests that must see the
 * process itself: that it lives on, how much memory it peaked at, what it logged. Talks to it over
 * loopback with a session key exchanged from its start link, as the page does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../support/shared-paths';

/** A running host child. */
export interface HostProcess {
  readonly child: ChildProcess;
  readonly origin: string;
  readonly session: string;
  /** Everything it wrote to stderr so far (its `[host]` log). */
  stderr(): string;
  /** Its peak resident memory so far, in MB (Linux `VmHWM`). */
  peakMb(): Promise<number>;
  /** POST /api/<operation> with JSON; answers the reply envelope. */
  call<T = unknown>(operation: string, input: unknown): Promise<{ ok: boolean; value: T; error?: unknown }>;
  /** POST /api/upload of `body` named `name`; answers the registered ref. */
  upload(name: string, body: Buffer): Promise<string>;
  /** True when `GET /` answers 200. */
  answers(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * One HTTP request on a fresh connection (a kept-alive one the server has just closed fails with
 * "other side closed"); a big body is written in 1 MiB slices with back-pressure, because one
 * 40 MB write would hold this process's own event loop, and the latency probe with it.
 */
function send(
  url: string,
  method: string,
  headers: Record<string, string | number>,
  body?: Buffer,
): Promise<{ readonly status: number; readonly text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, agent: false, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    void (async () => {
      for (let at = 0; body !== undefined && at < body.length; at += 1 << 20) {
        if (!request.write(body.subarray(at, at + (1 << 20)))) {
          await new Promise((drained) => request.once('drain', drained));
        }
      }
      request.end();
    })();
  });
}

/** Starts `dist/host.mjs` (build it first) over a fresh data folder; `nodeArgs` go before it. */
export async function startHostProcess(nodeArgs: readonly string[] = []): Promise<HostProcess> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-host-child-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Omneo</title>');
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      path.join(repoRoot, 'dist', 'host.mjs'),
      '--no-open',
      '--port',
      '0',
      '--data-dir',
      path.join(dir, 'data'),
      '--renderer-dir',
      rendererDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OMNEO_NO_OPEN: '1' } },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start: ${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const found = /(http:\/\/127\.0\.0\.1:\d+)\/#start=([\w-]+)/.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}: ${stderr}`)));
  });
  const url = new URL(link);
  const origin = url.origin;
  const exchanged = await send(
    `${origin}/api/session`,
    'POST',
    { 'Content-Type': 'application/json' },
    Buffer.from(JSON.stringify({ code: url.hash.replace('#start=', '') })),
  );
  const session = (JSON.parse(exchanged.text) as { value: { session: string } }).value.session;
  const headers = { 'X-Omneo-Session': session };
  return {
    child,
    origin,
    session,
    stderr: () => stderr,
    async peakMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
    async call(operation, input) {
      const body = Buffer.from(JSON.stringify(input));
      const answer = await send(
        `${origin}/api/${operation}`,
        'POST',
        { ...headers, 'Content-Type': 'application/json', 'Content-Length': body.length },
        body,
      );
      return JSON.parse(answer.text) as never;
    },
    async upload(name, body) {
      const answer = await send(
        `${origin}/api/upload`,
        'POST',
        { ...headers, 'X-File-Name': encodeURIComponent(name), 'Content-Length': body.length },
        body,
      );
      const reply = JSON.parse(answer.text) as { ok: boolean; value: { ref: string } };
      if (!reply.ok) throw new Error(`upload refused: ${answer.text}`);
      return reply.value.ref;
    },
    async answers() {
      return (await send(`${origin}/`, 'GET', {})).status === 200;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Measures how long the host takes to answer `GET /` while `work` runs, asking every 50 ms:
 * answers the work's result and the slowest answer in ms.
 */
export async function whileAnswering<T>(
  host: HostProcess,
  work: () => Promise<T>,
): Promise<{ readonly result: T; readonly slowestMs: number; readonly asked: number }> {
  let done = false;
  let slowestMs = 0;
  let asked = 0;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      await host.answers();
      slowestMs = Math.max(slowestMs, performance.now() - started);
      asked += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    const result = await work();
    return { result, slowestMs, asked };
  } finally {
    done = true;
    await probe;
  }
}
