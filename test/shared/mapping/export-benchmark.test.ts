/**
 * Mapping benchmark on export header rows of the systems people migrate from (test/fixtures/mapping,
 * see its README): each file's columns as a careful administrator maps them by hand, against what
 * automatic mapping suggests from the header and the first rows. Goal (issue 11): ≥ 98% of the
 * suggestions right, ≥ 90% of the hand-mapped fields suggested, and never an empty column.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../../shared/mapping/auto-map';
import { validateMapping } from '../../../shared/mapping/validate-mapping';
import { columnLetter } from '../../../shared/source/source-table';

const folder = path.join(import.meta.dirname, '../../fixtures/mapping');
const expected = JSON.parse(readFileSync(path.join(folder, 'expected.json'), 'utf8')) as Record<
  string,
  Record<string, string>
>;
const files = readdirSync(folder).filter((f) => f.endsWith('.csv'));

interface Score {
  readonly file: string;
  readonly suggested: number;
  readonly right: number;
  readonly wanted: number;
  readonly wrong: string[];
  readonly missed: string[];
  readonly empty: string[];
}

function score(file: string): Score {
  const [header = [], ...rows] = Papa.parse<string[]>(readFileSync(path.join(folder, file), 'utf8'), {
    skipEmptyLines: true,
  }).data;
  const columns = header.map((h, index) => ({ index, letter: columnLetter(index), header: h }));
  const mapping = suggestMapping(columns, rows);
  expect(validateMapping(mapping, 'email').filter((p) => p.code !== 'match-key-unmapped')).toEqual([]);
  const want = expected[file] ?? {};
  const mapped = mapping.filter((m) => m.target !== null);
  const wrong = mapped
    .filter((m) => want[m.header] !== m.target)
    .map((m) => `${m.header} → ${m.target} (want ${want[m.header] ?? 'not mapped'})`);
  const missed = Object.entries(want)
    .filter(([h, t]) => !mapped.some((m) => m.header === h && m.target === t))
    .map(([h, t]) => `${h} → ${t} (${mapping.find((m) => m.header === h)?.reason ?? '?'})`);
  const empty = mapped
    .filter((m) => rows.every((r) => (r[m.column] ?? '').trim() === ''))
    .map((m) => m.header);
  return {
    file,
    suggested: mapped.length,
    right: mapped.length - wrong.length,
    wanted: Object.keys(want).length,
    wrong,
    missed,
    empty,
  };
}

describe('mapping benchmark on real export vocabularies', () => {
  const scores = files.map(score);

  it('has a hand mapping for every sample export', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(expected).sort()).toEqual([...files].sort());
  });

  it('suggests ≥ 98% right, ≥ 90% of hand-mapped fields, and never an empty column', () => {
    const total = scores.reduce(
      (t, s) => ({
        suggested: t.suggested + s.suggested,
        right: t.right + s.right,
        wanted: t.wanted + s.wanted,
      }),
      { suggested: 0, right: 0, wanted: 0 },
    );
    const precision = total.right / total.suggested;
    const recall = total.right / total.wanted;
    const report = scores
      .filter((s) => s.wrong.length + s.missed.length > 0)
      .map((s) => `${s.file}:\n  wrong: ${s.wrong.join('; ')}\n  missed: ${s.missed.join('; ')}`)
      .join('\n');
    console.log(
      `mapping benchmark: ${files.length} exports, ${total.suggested} suggested, ${total.right} right, ${total.wanted} hand-mapped — precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%\n${report}`,
    );
    expect(scores.flatMap((s) => s.empty)).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
