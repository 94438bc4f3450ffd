/**
 * `npm run bench:compare`: what compare with Omneo costs, in requests per 1,000 rows and seconds,
 * against the simulator over loopback.
 *
 * One run, four ways, on the same generated rows (a tenant seeded with half of them, so half the
 * rows update and half create): email rows with the batched `filter[email][in]` look-up, the same
 * rows when the tenant refuses it (one look-up per row, the baseline), rows with a mobile phone
 * (one availability check each), and identity rows (`search-id` per row). Optionally under a rate
 * limit, which is what bounds the time on a real tenant: seconds ≈ requests ÷ (limit per second).
 *
 * Usage: `node dist/bench/bench-compare.mjs [--rows N] [--rate N/min]`.
 */
import type { CompareInput } from '../shared/compare/compare-row';
import { requestsPer1000Rows, runCompare } from '../electron/compare/run-compare';
import { OmneoClient } from '../electron/omneo/api-client';
import { startSimulator } from '../electron/simulator/simulator';

function flag(name: string, fallback: number | null): number | null {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number.parseInt(process.argv[at + 1] ?? '', 10);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const rowCount = flag('rows', 2_000) ?? 2_000;
const rate = flag('rate', null);
const phone = (i: number): string => `+6141${String(i).padStart(7, '0')}`;
const rows = (withPhone: boolean, identity: boolean): CompareInput[] =>
  Array.from({ length: rowCount }, (_, i) => {
    const email = `bench${i}@example.com`;
    const identifier = `L-${i}`;
    return {
      line: i + 2,
      matchKey: identity ? identifier : email,
      profile: {
        email,
        first_name: `Bench ${i}`,
        ...(withPhone && { mobile_phone: phone(i) }),
        ...(identity && { identities: [{ handle: 'loyalty_id', identifier }] }),
      },
    };
  });

const sim = await startSimulator({
  rateLimitPerMinute: rate,
  tenant: {
    profiles: Array.from({ length: rowCount / 2 }, (_, i) => ({
      email: `bench${i * 2}@example.com`,
      first_name: 'Seeded',
      identities: [{ handle: 'loyalty_id', identifier: `L-${i * 2}` }],
    })),
  },
});
const client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
console.log(
  `compare cost: ${rowCount} rows, half matching a seeded profile${rate ? `, rate limit ${rate}/min` : ''} (load this machine shares)`,
);
const ways: [string, () => void, CompareInput[], string][] = [
  [
    'email, filter[email][in]',
    () => sim.configure({ acceptsEmailInFilter: true }),
    rows(false, false),
    'email',
  ],
  [
    'email, single look-ups (baseline)',
    () => sim.configure({ acceptsEmailInFilter: false }),
    rows(false, false),
    'email',
  ],
  [
    'email + mobile phone, filter[email][in]',
    () => sim.configure({ acceptsEmailInFilter: true }),
    rows(true, false),
    'email',
  ],
  ['identity loyalty_id (search-id)', () => undefined, rows(false, true), 'loyalty_id'],
];
let baseline = 0;
for (const [label, setUp, input, match] of ways) {
  setUp();
  const started = performance.now();
  const run = await runCompare({ client, match, rows: input, concurrency: 4 });
  const seconds = (performance.now() - started) / 1000;
  if (label.includes('baseline')) baseline = seconds;
  console.log(
    `${label.padEnd(42)} ${String(requestsPer1000Rows(run)).padStart(5)} requests/1,000 rows  ${seconds.toFixed(2).padStart(6)} s  ${(rowCount / seconds).toFixed(0).padStart(6)} rows/s${run.kind === 'compared' ? '' : `  (${run.kind})`}`,
  );
}
if (baseline > 0) console.log(`(baseline: single look-ups, ${baseline.toFixed(2)} s)`);
await sim.close();
