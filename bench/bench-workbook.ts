/**
 * `npm run bench:workbook`: reading and checking a full 1,048,576-row workbook (Excel's last row;
 * a few columns: an inline-string email, first and last names as shared strings, a phone number
 * as a number), side by side with the same rows as a CSV file, the baseline, in the same run.
 *
 * Each stage runs in its own child process, so its peak RSS (the whole process: the host thread
 * and the workbook reader's worker thread) belongs to it alone. Target (issue 9): the workbook
 * opens and checks within 1 GB.
 *
 * Usage: `node dist/bench/bench-workbook.mjs [--rows N] [--keep]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFile } from '../electron/engine/check-file';
import { openTable } from '../electron/files/open-table';
import { number, row, shared, text, xlsxBook } from '../test/support/xlsx-file';

const stages = ['csv-read', 'xlsx-read', 'csv-check', 'xlsx-check'] as const;
type Stage = (typeof stages)[number];

interface StageResult {
  readonly stage: Stage;
  readonly ms: number;
  readonly rows: number;
  readonly valid: number;
  readonly peakRssMb: number;
}

const firstNames = ['Ana', 'Bo', 'Chen', 'Dana', 'Eli', 'Fatima', 'Gus', 'Hana'];
const lastNames = ['Smith', 'Nguyen', 'Garcia', 'Okafor', 'Rossi', 'Kowalski', 'Tanaka', 'Brown'];
const phone = (i: number): string => `614${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`;

/** The same rows as a workbook (`xlsx`) and as CSV (`csv`); `rows` includes the header. */
function generate(dir: string, rows: number): { xlsx: string; csv: string } {
  const lines = ['email,first_name,last_name,mobile_phone'];
  const xml = [
    row(
      1,
      text('A1', 'email'),
      text('B1', 'first_name'),
      text('C1', 'last_name'),
      text('D1', 'mobile_phone'),
    ),
  ];
  for (let i = 2; i <= rows; i++) {
    const first = i % firstNames.length;
    const last = (i >> 3) % lastNames.length;
    lines.push(`person${i}@example.com,${firstNames[first]},${lastNames[last]},${phone(i)}`);
    xml.push(
      row(
        i,
        text(`A${i}`, `person${i}@example.com`),
        shared(`B${i}`, first),
        shared(`C${i}`, firstNames.length + last),
        number(`D${i}`, phone(i)),
      ),
    );
  }
  const csv = path.join(dir, 'people.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  lines.length = 0;
  const xlsx = path.join(dir, 'people.xlsx');
  const sharedStrings = [...firstNames, ...lastNames].map((s) => `<t>${s}</t>`);
  writeFileSync(xlsx, xlsxBook({ sheets: [{ sheetName: 'People', rows: xml.join('') }], sharedStrings }));
  return { xlsx, csv };
}

async function runStage(stage: Stage, file: string): Promise<void> {
  const started = performance.now();
  let rows = 0;
  let valid = 0;
  if (stage === 'csv-read' || stage === 'xlsx-read') {
    const source = await openTable(file);
    for await (const chunk of source.rows()) rows += chunk.length;
  } else {
    const report = await checkFile(file, {}, 'auto', { phoneRegion: 'AU' }, { maxIssues: 1000 });
    if (report.fileError !== null) throw new Error(report.fileError.message);
    rows = report.summary.rows;
    valid = report.summary.valid;
  }
  const result: StageResult = {
    stage,
    ms: performance.now() - started,
    rows,
    valid,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function measure(stage: Stage, file: string): StageResult {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--stage', stage, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as StageResult;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--stage') {
    await runStage(argv[1] as Stage, argv[2] ?? '');
    return;
  }
  const rows = argv.includes('--rows') ? Number(argv[argv.indexOf('--rows') + 1]) : 1_048_576;
  const dir = mkdtempSync(path.join(tmpdir(), 'omneo-bench-workbook-'));
  try {
    process.stdout.write(`Generating a ${rows.toLocaleString('en')}-row workbook and CSV in ${dir} …\n`);
    const files = generate(dir, rows);
    const mb = (file: string) => `${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`;
    process.stdout.write(`workbook ${mb(files.xlsx)}, CSV ${mb(files.csv)}\n\n`);
    const results = new Map<Stage, StageResult>();
    for (const stage of stages) {
      const result = measure(stage, stage.startsWith('xlsx') ? files.xlsx : files.csv);
      results.set(stage, result);
      process.stdout.write(
        `${stage.padEnd(11)} ${seconds(result.ms).padStart(8)}  peak RSS ${Math.round(result.peakRssMb)
          .toString()
          .padStart(
            5,
          )} MB  rows ${result.rows.toLocaleString('en')}${stage.endsWith('check') ? `, valid ${result.valid.toLocaleString('en')}` : ''}\n`,
      );
    }
    const ratio = (a: Stage, b: Stage) => {
      const x = results.get(a);
      const y = results.get(b);
      return x && y
        ? `${(x.ms / y.ms).toFixed(1)}× the time, ${(x.peakRssMb / y.peakRssMb).toFixed(1)}× the peak RSS`
        : '';
    };
    const check = results.get('xlsx-check');
    process.stdout.write(
      `\nworkbook read: ${ratio('xlsx-read', 'csv-read')} of the CSV\nworkbook check: ${ratio('xlsx-check', 'csv-check')} of the CSV\n` +
        `target: workbook check within 1 GB peak RSS — ${check && check.peakRssMb < 1024 ? 'met' : 'NOT met'}\n`,
    );
  } finally {
    if (!argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
