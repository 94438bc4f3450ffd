/**
 * The decision to move a check to worker threads: from the ratio of evaluating a row to copying
 * it (so load on a shared machine, which slows both, does not decide it), after warm-up rows, on
 * the cheaper of two samples.
 */
import { describe, expect, it } from 'vitest';
import { parallelFromCostRatio, worthWorkers, WorkerGate } from '../../../electron/engine/evaluate-chunks';

describe('worthWorkers', () => {
  it.each([
    // evaluate µs, transfer µs, workers?  (figures like those measured on the bench files)
    [8, 2.2, true], // varied phones and dates: distinct numbers, costly to normalise
    [1, 2, false], // seed shape: memos answer most cells
    [2 * parallelFromCostRatio, 2, true], // exactly at the ratio
    [3.9, 2, false],
    [40, 20, true], // a heavily loaded machine slows both alike: same answer as 4 against 2
    [20, 20, false],
  ])('evaluate %f µs, transfer %f µs → %s', (evaluateMicros, transferMicros, expected) => {
    expect(worthWorkers({ evaluateMicros, transferMicros })).toBe(expected);
  });
});

describe('WorkerGate', () => {
  /** Feeds chunks of `rows` rows, each costing `evaluateMs`/`transferMs` from `costs`, until decided. */
  function run(rows: number, costs: readonly (readonly [number, number])[]) {
    const gate = new WorkerGate();
    const transfers: number[] = [];
    for (const [i, [evaluateMs, transferMs]] of costs.entries()) {
      const verdict = gate.observe(rows, evaluateMs, () => {
        transfers.push(i);
        return transferMs;
      });
      if (verdict !== undefined) return { verdict, chunks: i + 1, transfers };
    }
    return { verdict: undefined, chunks: costs.length, transfers };
  }

  it('does not measure the warm-up rows, then decides after two samples', () => {
    // 1,000-row chunks: two to warm up, then two samples of two chunks each.
    const costly = Array.from({ length: 10 }, () => [8, 2] as const);
    const result = run(1000, costly);
    expect(result).toEqual({ verdict: true, chunks: 6, transfers: [2, 3, 4, 5] });
  });

  it('stays on this thread when rows are cheap', () => {
    const cheap = Array.from({ length: 10 }, () => [1, 2] as const);
    expect(run(1000, cheap).verdict).toBe(false);
  });

  it('takes the cheaper sample, so one slow moment does not start workers', () => {
    // Warm-up (2 chunks), a sample slowed by load (8 ms a chunk), then a steady one (1 ms).
    const costs = [
      [30, 2],
      [30, 2],
      [8, 2],
      [8, 2],
      [1, 2],
      [1, 2],
    ] as const;
    expect(run(1000, costs).verdict).toBe(false);
  });

  it('works with big chunks too: one chunk can be a whole sample', () => {
    const costs = [
      [50, 10],
      [40, 10],
      [40, 10],
    ] as const; // 5,000-row chunks: 8 µs against 2 µs
    expect(run(5000, costs)).toMatchObject({ verdict: true, chunks: 3 });
  });
});
