/** What a person reads during a run: repeated notices under a rate limit are spaced, not repeated. */
import { describe, expect, it } from 'vitest';
import { createProgressPrinter, noticeSpacingMs } from '../../../electron/runner/progress-printer';
import type { RunEvent } from '../../../shared/runner/run-events';
import { defaultSendBackoff, maxRetryAfterMs, rateLimitDelayMs } from '../../../shared/runner/backoff';

function printer() {
  let time = 0;
  let text = '';
  const p = createProgressPrinter({ write: (t) => (text += t), isTTY: false, now: () => time });
  return {
    at: (ms: number, ...events: RunEvent[]) => {
      time = ms;
      for (const event of events) p.onEvent(event);
    },
    lines: () => text.split('\n').filter(Boolean),
  };
}

const limit = (n: number): RunEvent => ({ kind: 'concurrency-changed', limit: n });
const rateLimited = (batchIndex: number, delayMs = 1_100): RunEvent => ({
  kind: 'batch-retry-scheduled',
  batchIndex,
  reason: 'rate-limited',
  attempt: 1,
  delayMs,
  unknownOutcome: false,
});
const progress: RunEvent = {
  kind: 'progress',
  rowsSent: 0,
  batchesAcknowledged: 0,
  totalBatches: 10,
  rowsPerSecond: 0,
  etaSeconds: null,
};

describe('progress printer under a rate limit', () => {
  it('prints a concurrency change at most every few seconds, and the newest limit', () => {
    const p = printer();
    // the limit flaps 2 → 1 → 2 → 1 … every second for 12 seconds
    for (let s = 0; s < 12; s++) p.at(s * 1000, limit(s % 2 === 0 ? 1 : 2));
    const shown = p.lines().filter((l) => l.startsWith('concurrency now'));
    expect(shown.length).toBeLessThanOrEqual(Math.ceil(12_000 / noticeSpacingMs));
    expect(shown[0]).toMatch(/^concurrency now 1 /);
  });

  it('prints a pending change once the spacing has passed', () => {
    const p = printer();
    p.at(0, limit(2));
    p.at(1_000, limit(1));
    expect(p.lines()).toHaveLength(1);
    p.at(noticeSpacingMs + 1, progress);
    expect(p.lines()).toEqual([
      expect.stringMatching(/^concurrency now 2/),
      expect.stringMatching(/^concurrency now 1/),
    ]);
  });

  it('sums rate-limited retries into one line every few seconds', () => {
    const p = printer();
    for (let i = 0; i < 20; i++) p.at(i * 200, rateLimited(i));
    const lines = p.lines();
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/rate-limited by Omneo: 1 request\(s\) waiting about 1\.1 s/);
    p.at(noticeSpacingMs + 1, rateLimited(21));
    expect(p.lines()[1]).toMatch(/rate-limited by Omneo: 20 request\(s\)/);
  });

  it('says once when Omneo asked for a longer wait than the cap', () => {
    const p = printer();
    const capped = rateLimitDelayMs(3_000_000_000, 1, defaultSendBackoff, () => 0);
    for (let i = 0; i < 4; i++) p.at(0, rateLimited(i, capped));
    const lines = p.lines();
    expect(lines.filter((l) => l.includes('Omneo asked to wait longer than 5 min'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/rate-limited by Omneo: 1 request\(s\) waiting about 300\.0 s/);
    expect(capped).toBe(maxRetryAfterMs);
  });
});
