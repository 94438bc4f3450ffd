/**
 * `npm run bench:runner`: how close the batch runner gets to the server's allowed rate.
 *
 * Starts the Omneo simulator with a rate limit and latency, then sends the same kind of batches two
 * ways in one run: the runner (adaptive concurrency, Retry-After) and a one-batch-at-a-time
 * baseline (the runner at concurrency 1). Batches are sent with `wait: false` so the figure is
 * send throughput; following outcomes costs one extra GET per batch either way. Target (issue 3):
 * the runner reaches at least 90% of the allowed rate.
 *
 * The simulator's token bucket starts full (one second's worth), so the most a client can get
 * accepted in T seconds is `capacity + rate × T`; the ratio is printed against both that and the
 * plain steady rate.
 *
 * Usage: `node dist/bench/bench-runner.mjs [--rate N/min] [--latency MS] [--batches N] [--concurrency N]`.
 */
import { OmneoClient } from '../electron/omneo/api-client';
import { runImport } from '../electron/runner/batch-runner';
import { startSimulator } from '../electron/simulator/simulator';
import type { PlannedBatch } from '../shared/engine/check-result';
import type { OmneoProfile } from '../shared/omneo/profile-schema';
import type { RunEvent } from '../shared/runner/run-events';

interface Figures {
  readonly label: string;
  readonly batches: number;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly requestsPerSecond: number;
  readonly rateLimited: number;
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** `count` batches of `size` synthetic profiles, unique emails from `start`. */
async function* batches(count: number, size: number, start: number): AsyncIterable<PlannedBatch> {
  for (let index = 0; index < count; index++) {
    yield {
      index,
      rows: Array.from({ length: size }, (_v, i) => {
        const n = start + index * size + i;
        const email = `bench${String(n).padStart(8, '0')}@example.com`;
        return {
          line: n + 2,
          matchKey: email,
          profile: { email, first_name: 'Bench', last_name: `Row ${n}` } as OmneoProfile,
        };
      }),
    };
  }
}

async function measure(
  label: string,
  client: OmneoClient,
  count: number,
  size: number,
  start: number,
  concurrency: number,
): Promise<Figures> {
  let rateLimited = 0;
  const onEvent = (event: RunEvent) => {
    if (event.kind === 'batch-retry-scheduled' && event.reason === 'rate-limited') rateLimited += 1;
  };
  const began = performance.now();
  const result = await runImport({
    client,
    batches: batches(count, size, start),
    matchCriteria: 'email',
    concurrency,
    wait: false,
    onEvent,
  });
  const seconds = (performance.now() - began) / 1000;
  const accepted = result.batches.filter((b) => b.state === 'accepted').length;
  if (accepted !== count) throw new Error(`${label}: only ${accepted} of ${count} batches accepted`);
  return {
    label,
    batches: count,
    rows: count * size,
    seconds,
    rowsPerSecond: (count * size) / seconds,
    requestsPerSecond: count / seconds,
    rateLimited,
  };
}

async function main(): Promise<void> {
  const perMinute = flag('rate', 600);
  const latencyMs = flag('latency', 250);
  const count = flag('batches', 200);
  const concurrency = flag('concurrency', 8);
  const size = 500;
  const perSecond = perMinute / 60;
  const capacity = Math.max(1, Math.ceil(perSecond));
  const sim = await startSimulator({
    rateLimitPerMinute: perMinute,
    latencyMs,
    processingDelayMs: 50,
    seed: 1,
  });
  try {
    const client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
    console.log(
      `simulator: ${perMinute} requests/min (${perSecond.toFixed(1)}/s, burst ${capacity}), latency ${latencyMs} ms, ${size} profiles per batch`,
    );
    console.log(`allowed rate: ${(perSecond * size).toFixed(0)} rows/s`);

    const baselineCount = Math.max(10, Math.round(count / 5));
    const baseline = await measure('one batch at a time', client, baselineCount, size, 0, 1);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // let the bucket refill
    const runner = await measure(
      `runner (concurrency ≤ ${concurrency})`,
      client,
      count,
      size,
      10_000_000,
      concurrency,
    );

    for (const f of [baseline, runner]) {
      const ceiling = (capacity + perSecond * f.seconds) / f.seconds;
      console.log(
        `${f.label.padEnd(28)} ${f.batches} batches, ${f.rows} rows in ${f.seconds.toFixed(1)} s: ` +
          `${f.rowsPerSecond.toFixed(0)} rows/s, ${f.requestsPerSecond.toFixed(2)} batches/s, ${f.rateLimited} × 429 — ` +
          `${((f.requestsPerSecond / perSecond) * 100).toFixed(1)}% of the steady rate, ` +
          `${((f.requestsPerSecond / ceiling) * 100).toFixed(1)}% of the most the bucket allowed`,
      );
    }
    const ratio = runner.requestsPerSecond / perSecond;
    console.log(`runner / baseline: ${(runner.rowsPerSecond / baseline.rowsPerSecond).toFixed(2)}×`);
    console.log(
      `runner / allowed rate: ${(ratio * 100).toFixed(1)}% (target ≥ 90%) ${ratio >= 0.9 ? 'PASS' : 'FAIL'}`,
    );
    if (ratio < 0.9) process.exitCode = 1;
  } finally {
    await sim.close();
  }
}

await main();
