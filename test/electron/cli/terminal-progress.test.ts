/**
 * The terminal progress line of `check` and `run`: the pure formatters, the redraw spacing and
 * erasing with a fake clock, and the gating — drawn on a terminal only, never with `--json` — by
 * running the commands in-process (`run` against the simulator over loopback).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckProgress } from '../../../electron/engine/check-file';
import type { CliContext } from '../../../electron/cli/cli-context';
import { runCli } from '../../../electron/cli/main';
import {
  applyRunEvent,
  createProgressLine,
  formatCheckProgress,
  formatDuration,
  formatRunProgress,
  redrawEveryMs,
  startRunProgress,
  type RunProgressState,
} from '../../../electron/cli/terminal-progress';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import type { RunEvent } from '../../../shared/runner/run-events';
import { casePath, fixturePath } from '../../support/shared-paths';

const erase = '\r\x1b[2K';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [7.4, '7 s'],
    [59.6, '1 min 00 s'],
    [125, '2 min 05 s'],
    [3840, '1 h 04 min'],
  ])('%f s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatCheckProgress', () => {
  const mb = 1024 * 1024;
  const at = (phase: CheckProgress['phase'], rows: number, bytesRead: number, totalBytes: number) => ({
    phase,
    rows,
    bytesRead,
    totalBytes,
  });
  it.each([
    // Half the bytes in 5 s: 5 s to go.
    [
      at('check', 500_000, 31 * mb, 62 * mb),
      5000,
      'checking: 500,000 rows · 50% of 62 MB · 100,000 rows/s · ETA 5 s',
    ],
    [at('check', 1200, 1 * mb, 4 * mb), 200, 'checking: 1,200 rows · 25% of 4.0 MB'],
    [
      at('date-scan', 90_000, 9 * mb, 60 * mb),
      1000,
      'reading date columns: 90,000 rows · 15% of 60 MB · 90,000 rows/s · ETA 6 s',
    ],
    // An Excel workbook (no streamed bytes): rows and rate only.
    [at('check', 40_000, 0, 0), 2000, 'checking: 40,000 rows · 20,000 rows/s'],
    // Every byte read: no ETA.
    [at('check', 10_000, 2 * mb, 2 * mb), 1000, 'checking: 10,000 rows · 100% of 2.0 MB · 10,000 rows/s'],
  ] as const)('%j after %i ms', (progress, elapsedMs, text) => {
    expect(formatCheckProgress(progress, elapsedMs)).toBe(text);
  });
});

describe('run progress', () => {
  const progress = (rowsSent: number, acknowledged: number, eta: number | null): RunEvent => ({
    kind: 'progress',
    rowsSent,
    batchesAcknowledged: acknowledged,
    totalBatches: 5,
    rowsPerSecond: 812.4,
    etaSeconds: eta,
  });
  const retry = (reason: 'rate-limited' | 'server-error', delayMs: number): RunEvent =>
    ({
      kind: 'batch-retry-scheduled',
      batchIndex: 2,
      reason,
      attempt: 1,
      delayMs,
      unknownOutcome: false,
    }) as RunEvent;
  const fold = (events: readonly (readonly [number, RunEvent])[]): RunProgressState =>
    events.reduce((state, [now, event]) => applyRunEvent(state, event, now), startRunProgress(0));

  it('says the file is being checked until the first event', () => {
    expect(formatRunProgress(startRunProgress(0), 3200)).toBe(
      'checking the token and the file before sending: 3 s',
    );
  });

  it('shows rows, batches acknowledged of the total, rate and ETA', () => {
    const state = fold([[1000, progress(4000, 2, 7)]]);
    expect(formatRunProgress(state, 1000)).toBe(
      'sending: 4,000 rows · 2/5 batches acknowledged · 812 rows/s · ETA 7 s',
    );
  });

  it('names retries and rate-limit waits as such, the wait counting down', () => {
    const state = fold([
      [1000, progress(1000, 1, 20)],
      [1100, retry('server-error', 500)],
      [1200, retry('rate-limited', 2000)],
      [1300, retry('rate-limited', 1500)],
    ]);
    expect(formatRunProgress(state, 1300)).toBe(
      'sending: 1,000 rows · 1/5 batches acknowledged · 812 rows/s · ETA 20 s · 1 retry · rate-limited ×2, waiting 2 s',
    );
    expect(formatRunProgress(state, 3300)).toBe(
      'sending: 1,000 rows · 1/5 batches acknowledged · 812 rows/s · ETA 20 s · 1 retry · rate-limited ×2',
    );
  });

  it('shows a pause until the run resumes', () => {
    const paused: RunEvent = {
      kind: 'paused',
      reason: 'credentials',
      message: 'Omneo refused the token',
    } as RunEvent;
    const state = fold([
      [0, progress(500, 1, null)],
      [10, paused],
    ]);
    expect(formatRunProgress(state, 20)).toBe('paused: Omneo refused the token');
    expect(formatRunProgress(applyRunEvent(state, { kind: 'resumed' }, 30), 30)).toBe(
      'sending: 500 rows · 1/5 batches acknowledged · 812 rows/s',
    );
  });
});

describe('createProgressLine', () => {
  function terminal(isTTY: boolean, columns?: number) {
    let time = 0;
    let written = '';
    const line = createProgressLine({
      write: (t) => (written += t),
      isTTY,
      now: () => time,
      ...(columns !== undefined && { columns }),
    });
    return {
      line,
      at: (ms: number) => (time = ms),
      take: () => {
        const text = written;
        written = '';
        return text;
      },
    };
  }

  it(`redraws at most every ${redrawEveryMs} ms, erasing the line each time`, () => {
    const t = terminal(true);
    t.line.update('one');
    expect(t.take()).toBe(`${erase}one`);
    t.at(50);
    t.line.update('two');
    expect(t.take()).toBe('');
    t.at(redrawEveryMs);
    t.line.update('three');
    expect(t.take()).toBe(`${erase}three`);
  });

  it('computes a text only when the line is due', () => {
    const t = terminal(true);
    let calls = 0;
    const text = () => `call ${++calls}`;
    t.line.update(text);
    t.at(10);
    t.line.update(text);
    t.line.update(text);
    expect(calls).toBe(1);
  });

  it('prints notices above the line and draws it again below them', () => {
    const t = terminal(true);
    t.line.update('42 rows');
    t.take();
    t.at(10);
    t.line.above('rate-limited by Omneo\n');
    expect(t.take()).toBe(`${erase}rate-limited by Omneo\n${erase}42 rows`);
  });

  it('erases the line at the end, and cuts it to the terminal width', () => {
    const t = terminal(true, 12);
    t.line.update('checking: 1,000,000 rows');
    expect(t.take()).toBe(`${erase}checking: …`);
    t.line.clear();
    expect(t.take()).toBe(erase);
    t.line.clear();
    expect(t.take()).toBe('');
  });

  it('writes nothing but notices when not on a terminal', () => {
    const t = terminal(false);
    t.line.update('42 rows');
    t.line.clear();
    t.line.above('batch 1: failed\n');
    expect(t.take()).toBe('batch 1: failed\n');
  });
});

describe('the progress line is drawn on a terminal only, never with --json', () => {
  let tmp = '';
  let sim: RunningSimulator | null = null;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'progress-line-'));
  });
  afterEach(async () => {
    await sim?.close();
    sim = null;
    delete process.env.OMNEO_PROGRESS_TOKEN;
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  async function cli(args: string[], errIsTTY: boolean) {
    let out = '';
    let err = '';
    const context: CliContext = { out: (t) => (out += t), err: (t) => (err += t), exitCode: 0, errIsTTY };
    const code = await runCli(args, context);
    return { code, out, err };
  }

  it.each([
    [true, [], true],
    [false, [], false],
    [true, ['--json'], false],
  ] as const)('check, stderr a terminal: %s, flags %j → line drawn: %s', async (tty, flags, drawn) => {
    const { code, out, err } = await cli(
      ['check', fixturePath('people-1000.csv'), '--phone-region', 'US', ...flags],
      tty,
    );
    expect(code).toBeLessThan(2);
    if (drawn) {
      expect(err.startsWith(erase)).toBe(true);
      expect(err).toMatch(/(checking|reading date columns): [\d,]+ rows · \d+% of /);
      expect(err.endsWith(erase)).toBe(true); // erased before the summary
    } else {
      expect(err).not.toContain('\r');
    }
    expect(out).not.toContain('\r'); // stdout is never touched
  });

  it.each([
    [true, [], true],
    [false, [], false],
    [true, ['--json'], false],
  ] as const)('run, stderr a terminal: %s, flags %j → line drawn: %s', async (tty, flags, drawn) => {
    sim = await startSimulator({ processingDelayMs: 5 });
    process.env.OMNEO_PROGRESS_TOKEN = sim.token;
    const { code, out, err } = await cli(
      [
        'run',
        casePath('26-formula-injection.csv'),
        '--base-url',
        sim.baseUrl,
        '--token-env',
        'OMNEO_PROGRESS_TOKEN',
        '--journal-dir',
        path.join(tmp, 'jobs'),
        '--report',
        path.join(tmp, `report-${String(tty)}-${flags.length}`),
        ...flags,
      ],
      tty,
    );
    expect(code).toBeLessThan(2);
    if (drawn) {
      expect(err).toContain(`${erase}sending: `);
      expect(err).toMatch(/sending: \d+ rows · \d+\/\d+ batches acknowledged/);
      expect(err.endsWith(erase) || err.endsWith('\n')).toBe(true);
      expect(err).not.toMatch(/batch \d+: \d+ created/); // per-batch lines are for logs, not terminals
    } else {
      expect(err).not.toContain('\r');
    }
    expect(out).not.toContain('\r');
  });
});
