/**
 * `omneo-import run --mapping FILE` with a value map, against the simulator over loopback: what
 * Omneo receives is the mapped values (`Gold Member` → status `gold`, `M` → `male`, `Y` → true),
 * each phone read with its row's country, and implausible birth dates are refused, naming the line.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli as runInProcess } from '../compare/cli-harness';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';

let tmp: string;
let sim: RunningSimulator | null = null;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'value-map-run-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await sim?.close();
  sim = null;
  delete process.env.OMNEO_TEST_TOKEN;
});

/** The CLI in process (the shared harness), called with an argument list. */
const cli = (args: string[]) => runInProcess(...args);

const csv = [
  'Email,Sex,Tier,Newsletter,Mobile,DOB,Country',
  'ann@example.com,M,Gold Member,Y,0491 570 156,1990-05-01,Australia',
  'bob@example.com,Woman,Gold Member; VIP,N,07700 900153,1985-01-02,United Kingdom',
  'cat@example.com,Unknown,Lapsed,y,(415) 555-2671,2999-01-01,',
  'dan@example.com,x,Silver,n,#NAME?,1970-01-01,Australia',
].join('\n');

const mapping = {
  version: 1,
  columns: {
    Email: 'email',
    Sex: 'gender',
    Tier: 'statuses',
    Newsletter: 'comms_attributes.email_promo',
    Mobile: 'mobile_phone',
    DOB: 'birth_date',
    Country: 'region_country',
  },
  phoneRegion: 'US',
  values: {
    Sex: { M: 'male', Woman: 'female', Unknown: null },
    Tier: { 'Gold Member': 'gold', Lapsed: null, Silver: 'silver' },
  },
};

describe('run --mapping with a value map', () => {
  it('sends the mapped values, reads phones by each row’s country, and refuses implausible dates', async () => {
    sim = await startSimulator({ processingDelayMs: 5 });
    process.env.OMNEO_TEST_TOKEN = sim.token;
    const file = path.join(tmp, 'members.csv');
    const mappingFile = path.join(tmp, 'members.mapping.json');
    await fs.writeFile(file, csv);
    await fs.writeFile(mappingFile, JSON.stringify(mapping));
    const { out } = await cli([
      'run',
      file,
      '--mapping',
      mappingFile,
      '--base-url',
      sim.baseUrl,
      '--token-env',
      'OMNEO_TEST_TOKEN',
      '--journal-dir',
      path.join(tmp, 'jobs'),
      '--report',
      path.join(tmp, 'report'),
    ]);
    expect(out).toMatch(/^4 rows = 0 blank \+ 2 invalid \+ 0 duplicate \+ 2 created/m);
    const byEmail = new Map(sim.state().profiles.map((p) => [p.email, p]));
    expect(byEmail.get('ann@example.com')).toMatchObject({
      gender: 'male',
      statuses: ['gold'],
      comms_attributes: { email_promo: true },
      mobile_phone: '+61491570156',
    });
    expect(byEmail.get('bob@example.com')).toMatchObject({
      gender: 'female',
      statuses: ['gold', 'VIP'],
      comms_attributes: { email_promo: false },
      mobile_phone: '+447700900153',
    });
    // The job record says what the values were mapped with.
    const [jobId = ''] = (await fs.readdir(path.join(tmp, 'jobs'))).filter((d) => /^\d{8}-/.test(d));
    const spec = JSON.parse(await fs.readFile(path.join(tmp, 'jobs', jobId, 'job.json'), 'utf8')) as {
      mapping: { header: string; values?: unknown }[];
    };
    expect(spec.mapping.find((m) => m.header === 'Tier')?.values).toEqual(mapping.values.Tier);
    const errors = await fs.readFile(path.join(tmp, 'report', 'errors.csv'), 'utf8');
    expect(errors).toMatch(/Line 4, column F 'DOB' \(birth_date\): birth date 2999-01-01 is in the future/);
    expect(errors).toMatch(
      /Line 5, column E 'Mobile' \(mobile_phone\): '#NAME\?' is an Excel error, not a phone.*export the phone column as text.*\(read as AU from column G 'Country'\)/,
    );
  });

  it('check lists each column’s value map in the summary and in --json', async () => {
    const file = path.join(tmp, 'listed.csv');
    const mappingFile = path.join(tmp, 'listed.mapping.json');
    await fs.writeFile(file, csv);
    await fs.writeFile(mappingFile, JSON.stringify(mapping));
    const { out } = await cli(['check', file, '--mapping', mappingFile]);
    expect(out).toMatch(/B +Sex +→ gender +100% template, 3 values mapped/);
    const json = await cli(['check', file, '--mapping', mappingFile, '--json']);
    const report = JSON.parse(json.out) as { mapping: { column: string; values?: unknown }[] };
    expect(report.mapping.find((m) => m.column === 'Tier')?.values).toEqual(mapping.values.Tier);
  });

  it('refuses a value map that sends what the field does not take, before anything is sent', async () => {
    const file = path.join(tmp, 'bad.csv');
    const mappingFile = path.join(tmp, 'bad.mapping.json');
    await fs.writeFile(file, csv);
    await fs.writeFile(mappingFile, JSON.stringify({ ...mapping, values: { Sex: { M: 'mail' } } }));
    const { code, out, err } = await cli(['check', file, '--mapping', mappingFile]);
    expect(code).not.toBe(0);
    expect(out + err).toMatch(/'M' is mapped to 'mail', which gender does not take/);
  });
});
