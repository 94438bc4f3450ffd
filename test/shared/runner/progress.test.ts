import { describe, expect, it } from 'vitest';
import {
  createProgressWindow,
  etaSeconds,
  recordProgress,
  rowsPerSecond,
} from '../../../shared/runner/progress';

describe('progress maths', () => {
  it('measures rows per second over the sliding window, with a fake clock', () => {
    let w = createProgressWindow(0, 10_000);
    expect(rowsPerSecond(w, 0)).toBe(0);
    w = recordProgress(w, 2_000, 500);
    // young run: span is time since start (2 s)
    expect(rowsPerSecond(w, 2_000)).toBe(250);
    w = recordProgress(w, 4_000, 500);
    expect(rowsPerSecond(w, 4_000)).toBe(250);
    // 20 s later: the old samples left the window, only new ones count
    w = recordProgress(w, 24_000, 1_000);
    expect(w.samples).toHaveLength(1);
    expect(rowsPerSecond(w, 24_000)).toBe(100);
    expect(rowsPerSecond(w, 40_000)).toBe(0);
  });

  it('uses at least a one-second span so the first batch gives a sane rate', () => {
    const w = recordProgress(createProgressWindow(0), 10, 500);
    expect(rowsPerSecond(w, 10)).toBe(500);
  });

  it.each([
    [1_000, 100, 10],
    [1_001, 100, 11],
    [0, 100, 0],
    [500, 0, null],
  ])('%i rows left at %i rows/s → %s s', (remaining, rate, eta) => {
    expect(etaSeconds(remaining, rate)).toBe(eta);
  });
});
