/**
 * The differential test of issue 8: every file in `../shared/cases/` and `../shared/fixtures/`, with
 * each duplicates policy (and, once each, repeated phones and invalid values left out — the values
 * left out and the rows Omneo will refuse are counted the same), through the CLI's engine (`check`'s
 * `checkFile` and `run`'s `planBatches`) and through the app's review (the workspace services over
 * `file:open`, `check:run`, `rows:page` and `issues:summary`, and the workspace's planned batches):
 * the same summary, the same row statuses, the same issues (code, line, column), the same issue
 * groups and the same batches.
 *
 * Every file is included except `gen-million-rows.py` (a generator, not a sample); the 36 seed is
 * its 3-row sample. The largest fixture (people-10000.csv) keeps the whole test around a minute.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile, planBatches } from '../../electron/engine/check-file';
import { automaticMapping } from '../../electron/workspace/workspace-mapping';
import { createWorkspaceStore } from '../../electron/workspace/workspace-store';
import { checkOptionsSchema, type CheckOptionsInput } from '../../shared/engine/check-options';
import type { RowOutcome } from '../../shared/engine/check-result';
import type { Issue } from '../../shared/engine/issue';
import { casesDir, fixturesDir } from '../support/shared-paths';
import {
  checkAll,
  startWorkspace,
  valueOf,
  type WorkspaceHarness,
} from '../electron/workspace/workspace-harness';

const samples = [casesDir, fixturesDir].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => /\.(csv|tsv|txt|xlsx|xls)$/i.test(name))
    .map((name) => path.join(dir, name)),
);

const runs: readonly (readonly [string, CheckOptionsInput])[] = [
  ['keep-first', { duplicates: 'keep-first' }],
  ['keep-last', { duplicates: 'keep-last' }],
  ['none', { duplicates: 'none' }],
  ['keep-first, repeated phones left out', { duplicates: 'keep-first', repeatedPhones: 'leave-out' }],
  ['keep-first, invalid values left out', { duplicates: 'keep-first', onInvalidValue: 'drop' }],
];

/** Options every run shares: a region so phones settle, and small batches so batching shows. */
const common = { phoneRegion: 'AU', batchSize: 37 } as const;

type IssueKey = readonly [line: number, code: string, letter: string | null, severity: string];
const keyOf = (i: Pick<Issue, 'line' | 'code' | 'letter' | 'severity'>): IssueKey => [
  i.line,
  i.code,
  i.letter,
  i.severity,
];

interface Seen {
  readonly summary: Record<string, number>;
  readonly rows: readonly (readonly [number, string])[];
  readonly issues: readonly IssueKey[];
  /** Issues about the file, on no row (a repeated header): code, line and count. */
  readonly fileIssues: readonly (readonly [string, number, number])[];
  readonly groups: readonly (readonly [string, string, number])[];
  readonly batches: readonly (readonly { line: number; profile: unknown }[])[];
}

/** What a front end says of a file it cannot check: a file error's place, or the mapping's problems. */
type NotChecked =
  { readonly fileError: unknown } | { readonly mappingProblems: readonly string[]; readonly rows: number };

async function throughCli(file: string, options: CheckOptionsInput): Promise<Seen | NotChecked> {
  const outcomes: RowOutcome[] = [];
  const report = await checkFile(file, {}, 'auto', options, { onRow: (o) => outcomes.push(o) });
  if (report.fileError) return { fileError: [report.fileError.line, report.fileError.column] };
  if (report.mappingProblems.length > 0)
    return { mappingProblems: report.mappingProblems.map((p) => p.code), rows: report.summary.rows };
  const batches: { line: number; profile: unknown }[][] = [];
  for await (const batch of planBatches(file, {}, 'auto', options))
    batches.push(batch.rows.map((r) => ({ line: r.line, profile: r.profile })));
  const { rows, valid, invalid, blank, duplicate, warnings, batches: count } = report.summary;
  const { leftOut, leftOutRows, refused } = report.summary;
  const dataLines = new Set(outcomes.map((o) => o.line));
  return {
    summary: {
      rows,
      valid,
      invalid,
      blank,
      duplicate,
      warnings,
      batches: count,
      leftOut,
      leftOutRows,
      refused,
    },
    rows: outcomes.map((o) => [o.line, o.status]),
    issues: outcomes.flatMap((o) => o.issues.map(keyOf)),
    fileIssues: fileIssueCounts(report.issues.filter((i) => !dataLines.has(i.line))),
    groups: report.issueGroups.map((g) => [g.code, g.severity, g.count]),
    batches,
  };
}

async function throughApp(
  app: WorkspaceHarness,
  file: string,
  options: CheckOptionsInput,
): Promise<Seen | NotChecked> {
  const registered = await app.services.context.files.register(file);
  const opened = valueOf<{
    kind: string;
    fileId: string;
    rows?: number;
    rowsError?: { line: number; column: string };
  }>(await app.call('file:open', { via: 'ref', ref: registered.ref }));
  if (opened.kind !== 'opened') throw new Error(`${file} did not open: ${JSON.stringify(opened)}`);
  if (opened.rowsError) return { fileError: [opened.rowsError.line, opened.rowsError.column] };
  const { fileId } = opened;
  const { repeatedPhones = 'keep', ...rest } = options;
  const checked = valueOf<{
    kind: string;
    summary: Record<string, number>;
    problems?: { code: string }[];
  }>(await checkAll(app, { fileId, options: { ...common, ...rest }, repeatedPhones }));
  if (checked.kind === 'needs-mapping')
    return { mappingProblems: (checked.problems ?? []).map((p) => p.code), rows: opened.rows ?? -1 };
  expect(checked.kind).toBe('checked');
  const rows: [number, string][] = [];
  const issues: IssueKey[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = valueOf<{ total: number; rows: { line: number; status: string; issues: Issue[] }[] }>(
      await app.call('rows:page', { fileId, offset, limit: 1000, filter: 'all' }),
    );
    for (const row of page.rows) {
      rows.push([row.line, row.status]);
      issues.push(...row.issues.map(keyOf));
    }
    if (offset + 1000 >= page.total) break;
  }
  const summary = valueOf<{ groups: { code: string; severity: string; count: number; example: Issue }[] }>(
    await app.call('issues:summary', { fileId }),
  );
  // The file's own issues are on no row: the groups count them.
  const rowLines = new Set(rows.map(([line]) => line));
  const fileIssues = summary.groups
    .filter((g) => !rowLines.has(g.example.line))
    .map((g) => [g.code, g.example.line, g.count] as const);
  const store = createWorkspaceStore(app.services.context);
  const workspace = await store.get(fileId);
  workspace.mapping = automaticMapping(workspace);
  workspace.repeatedPhones = repeatedPhones;
  const prepared = await store.prepare(workspace, checkOptionsSchema.parse({ ...common, ...rest }));
  if (prepared.kind !== 'ready') throw new Error(`${file}: ${prepared.kind}`);
  await workspace.runCheck(prepared.prepared, () => {});
  const { rows: count, valid, invalid, blank, duplicate, warnings, batches } = checked.summary;
  const { leftOut, leftOutRows, refused } = checked.summary;
  return {
    summary: {
      rows: count,
      valid,
      invalid,
      blank,
      duplicate,
      warnings,
      batches,
      leftOut,
      leftOutRows,
      refused,
    } as Record<string, number>,
    rows,
    issues,
    fileIssues,
    groups: summary.groups.map((g) => [g.code, g.severity, g.count]),
    batches: workspace.plannedBatches().map((b) => b.rows.map((r) => ({ line: r.line, profile: r.profile }))),
  };
}

/** File issues by code: the code, the line of the first, and how many. */
function fileIssueCounts(issues: readonly Issue[]): (readonly [string, number, number])[] {
  const byCode = new Map<string, [string, number, number]>();
  for (const issue of issues) {
    const known = byCode.get(issue.code);
    if (known) known[2] += 1;
    else byCode.set(issue.code, [issue.code, issue.line, 1]);
  }
  return [...byCode.values()];
}

describe.each(samples)('%s: check and the app settle it the same', (file) => {
  let app: WorkspaceHarness;
  beforeAll(async () => {
    app = await startWorkspace();
  });
  afterAll(() => app.close());

  it.each(runs)('%s', async (_name, options) => {
    const cli = await throughCli(file, { ...common, ...options });
    const review = await throughApp(app, file, options);
    if (!('summary' in cli) || !('summary' in review)) {
      expect(review).toEqual(cli);
      return;
    }
    expect(review.summary).toEqual(cli.summary);
    expect(review.rows).toEqual(cli.rows);
    const sorted = (list: readonly IssueKey[]) => [...list].map((k) => k.join('|')).sort();
    expect(sorted(review.issues)).toEqual(sorted(cli.issues));
    expect(review.fileIssues).toEqual(cli.fileIssues);
    expect(review.groups).toEqual(cli.groups);
    expect(review.batches).toEqual(cli.batches);
  });
});
