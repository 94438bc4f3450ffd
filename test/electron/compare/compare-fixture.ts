/**
 * A seeded Sandbox tenant and a file of new, changed, conflicting and unknown-reference rows, shared
 * by the compare, mode and undo tests. Written into a temporary folder by each test file.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CompareInput } from '../../../shared/compare/compare-row';
import { checkFile } from '../../../electron/engine/check-file';
import type { RunningSimulator, SimProfile, TenantSeed } from '../../../electron/simulator/simulator';

/** Ann (id 1), Bob (id 2) and Cy (id 3); default reference data (statuses vip/gold/silver, AUD…). */
export const seededTenant: TenantSeed = {
  profiles: [
    {
      email: 'ann@example.com',
      first_name: 'Ann',
      mobile_phone: '+61412000001',
      tags: ['old'],
      statuses: ['gold'],
    },
    { email: 'bob@example.com', first_name: 'Bob', last_name: 'Brown', mobile_phone: '+61412000002' },
    { email: 'cy@example.com', first_name: 'Cy' },
  ],
  tags: ['old', 'vip'],
};

/** Lines 2–8, one story each (see the expected answers in compare-rows.test.ts). */
export const compareCsv = [
  'Email,First Name,Last Name,Mobile Phone,Tags,Statuses,Currency',
  'new@example.com,New,Person,,,,AUD', // 2 create
  'ann@example.com,Annie,,0412000001,vip,gold,', // 3 update: first_name, tags (replaced)
  'cy@example.com,Cy,,0412000002,,,', // 4 conflict: Bob holds the phone
  'dee@example.com,Dee,,,,platinum,', // 5 conflict: unknown status
  'eve@example.com,Eve,,,brand new,,', // 6 create, warning: new tag
  'bob@example.com,Bob,Brown,0412000002,,,', // 7 update, nothing changes
  'fay@example.com,Fay,,,,,EUR', // 8 conflict: a currency the tenant lacks
].join('\n');

/** Write `text` as a CSV in a new temporary folder; returns its path. */
export async function writeCsv(text: string, name = 'customers.csv'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'compare-'));
  const file = path.join(dir, name);
  await fs.writeFile(file, `${text}\n`);
  return file;
}

/** The rows of `file` that would be sent, as compare takes them. */
export async function sendableRows(file: string): Promise<{ rows: CompareInput[]; match: string }> {
  const rows: CompareInput[] = [];
  const report = await checkFile(
    file,
    {},
    'auto',
    { phoneRegion: 'AU' },
    {
      onRow: (row) => {
        if (row.status === 'valid' && row.profile && row.matchKey) {
          rows.push({ line: row.line, matchKey: row.matchKey, profile: row.profile });
        }
      },
    },
  );
  return { rows, match: report.match };
}

/** The tenant's profiles by email, without ids and timestamps (to compare before and after). */
export function tenantByEmail(
  sim: RunningSimulator,
): Record<string, Omit<SimProfile, 'id' | 'created_at' | 'updated_at'>> {
  return Object.fromEntries(
    sim
      .state()
      .profiles.map(({ created_at: _c, updated_at: _u, id: _id, ...rest }: SimProfile) => [rest.email, rest]),
  );
}

/**
 * Changes the profile with `email` straight in the tenant (`PUT /profiles/{id}`), as someone else
 * would after an import; answers its id.
 */
export async function editProfile(sim: RunningSimulator, email: string, fields: object): Promise<string> {
  const profile = sim.state().profiles.find((p) => p.email === email);
  if (!profile) throw new Error(`no profile ${email} in the tenant`);
  const answer = await fetch(`${sim.baseUrl}/profiles/${profile.id}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(fields),
  });
  if (answer.status !== 200) throw new Error(`PUT /profiles/${profile.id} answered ${answer.status}`);
  return String(profile.id);
}
