/**
 * What `omneo-import check` prints: a readable summary, or one JSON object (`--json`) in the shape
 * issue 2 fixes, and the exit code for a report.
 */
import { describeMixedDates, mixedDateEvidence, type CheckReport } from '../../shared/engine/check-report';
import type { CheckSummary } from '../../shared/engine/check-result';
import { describeLeftOut } from '../../shared/engine/left-out';
import { sendBlocker } from '../../shared/engine/send-blocker';
import { formatCount } from '../../shared/limits/file-limits';
import type { FileInfo } from '../../shared/source/source-table';
import { exitCodes } from './cli-context';
import { terminalSafe } from './terminal-text';

/** Problems shown in the readable summary, grouped by kind (issue 2: "the 20 most frequent"). */
const topProblemKinds = 20;

/**
 * The exit code for a report, the same as `run` gives before sending: 2 nothing sendable (the
 * engine's `sendBlocker`: a file error, a mapping that cannot be sent, no data rows, a date column
 * of unknown order, or no valid row), 1 some rows invalid or duplicates, 0 every row valid (blank
 * rows are neither). A mapping problem is not a usage error (64): it often comes from automatic
 * mapping, not from anything the user typed.
 */
export function exitCodeFor(report: CheckReport): number {
  if (sendBlocker(report) !== null) return exitCodes.fileError;
  if (report.summary.invalid > 0 || report.summary.duplicate > 0) return exitCodes.rowProblems;
  return exitCodes.ok;
}

/** True when the file read cleanly but holds no row with data (only a header, or blank rows). */
export function hasNoDataRows(report: CheckReport): boolean {
  return sendBlocker(report)?.kind === 'no-data-rows';
}

/**
 * The `--json` object: `file`, `mapping`, `match`, `summary`, `fileError`, `issues` as issue 2
 * gives them, plus `mappingProblems`, `ambiguousDateColumns`, `dateOrders`, `issueGroups` and
 * `issuesTruncated`. `mapping[].column` is the header; `index` is its 0-based position.
 */
export function reportJson(report: CheckReport): Record<string, unknown> {
  const file = report.file;
  return {
    file:
      file === null
        ? null
        : {
            name: file.name,
            format: file.format,
            encoding: file.encoding,
            delimiter: file.delimiter,
            sheet: file.sheet,
            sheets: file.sheets.map((s) => ({ name: s.name, hidden: s.hidden })),
            headerRow: file.headerRow,
            columns: file.columns.map((c) => ({ letter: c.letter, header: c.header })),
          },
    mapping: report.mapping.map((m) => ({
      column: m.header,
      index: m.column,
      letter: m.letter,
      target: m.target,
      confidence: m.confidence,
      ...(m.target === null && m.reason !== null && { reason: m.reason }),
      ...(m.target !== null && m.values !== undefined && { values: m.values }),
    })),
    match: report.match,
    summary: report.summary,
    fileError: report.fileError,
    mappingProblems: report.mappingProblems,
    ambiguousDateColumns: report.ambiguousDateColumns,
    dateOrders: report.dateOrders,
    issues: report.issues.map((i) => ({
      severity: i.severity,
      line: i.line,
      column: i.column,
      letter: i.letter,
      target: i.target,
      code: i.code,
      message: i.message,
    })),
    issuesTruncated: report.issuesTruncated,
    issueGroups: report.issueGroups.map((g) => ({ code: g.code, severity: g.severity, count: g.count })),
  };
}

function describeFile(file: FileInfo): string[] {
  const lines = [`File: ${file.name}`];
  if (file.format === 'delimited') {
    const delimiter = file.delimiter === '\t' ? 'tab' : `'${file.delimiter ?? ','}'`;
    lines.push(
      `  text, encoding ${file.encoding ?? '?'} (${file.encodingSource ?? 'default'}), delimiter ${delimiter} (${file.delimiterSource ?? 'default'}), header on line ${file.headerRow}`,
    );
  } else {
    const sheets = file.sheets.map((s) => (s.hidden ? `${s.name} (hidden)` : s.name)).join(', ');
    lines.push(
      `  Excel workbook, sheet '${file.sheet ?? ''}' of: ${sheets}; header on row ${file.headerRow}`,
    );
  }
  return lines;
}

const pad = (text: string, width: number): string => text.padEnd(width);

/**
 * The lines as printed: each made terminal-safe on its own, so a line break or an ESC sequence
 * inside a file's value, header or name is shown escaped and can never draw a line of its own.
 */
function printLines(lines: readonly string[]): string {
  return `${lines.map((line) => terminalSafe(line)).join('\n')}\n`;
}

/**
 * The readable summary: file, mapping, counts, problems by kind, ambiguous date columns. Every
 * control character from the file (values, headers, sheet and file names) is escaped.
 */
export function formatReport(report: CheckReport): string {
  const out: string[] = [];
  if (report.file !== null) out.push(...describeFile(report.file));
  if (report.fileError !== null) {
    const e = report.fileError;
    out.push(
      '',
      `File error (${e.code}): ${e.message}`,
      'Nothing in this file can be sent until it is fixed.',
    );
    return printLines(out);
  }

  out.push('', `Mapping (match on ${report.match}):`);
  const width = Math.max(6, ...report.mapping.map((m) => m.header.length));
  for (const entry of collapseBlankRuns(report.mapping)) {
    if ('run' in entry) {
      const { first, last, count } = entry.run;
      out.push(
        `  ${first}–${last}  ${formatCount(count)} columns with no header, not imported (any of them holding values is named under Problems)`,
      );
      continue;
    }
    const m = entry;
    const target =
      m.target === null
        ? `(not imported${m.reason ? `: ${m.reason}` : ''})`
        : `→ ${m.target}  ${Math.round(m.confidence * 100)}% ${m.source}${valuesNote(m.values)}`;
    out.push(`  ${pad(m.letter, 3)} ${pad(m.header === '' ? '(blank)' : m.header, width)}  ${target}`);
  }
  if (report.mappingProblems.length > 0) {
    out.push('', 'The mapping cannot be sent; fix these first (no row was checked):');
    for (const p of report.mappingProblems) out.push(`  - ${p.message}`);
    const s = report.summary;
    out.push('', `Rows: ${s.rows}   blank: ${s.blank}   not checked: ${s.unchecked}`);
    return printLines(out);
  }

  const s = report.summary;
  if (hasNoDataRows(report)) {
    out.push(
      '',
      `No data rows: the file has a header${s.blank > 0 ? ` and ${s.blank} blank row(s)` : ''} but nothing to send.`,
    );
    return printLines(out);
  }
  out.push(
    '',
    `Rows: ${s.rows}   valid: ${s.valid}   invalid: ${s.invalid}   blank: ${s.blank}   duplicates: ${s.duplicate}   warnings: ${s.warnings}   batches: ${s.batches} (up to ${report.options.batchSize} profiles each)`,
  );
  for (const line of sendNotes(s)) out.push(line);

  if (report.issueGroups.length > 0) {
    out.push('', 'Problems, most frequent first:');
    for (const g of report.issueGroups.slice(0, topProblemKinds)) {
      out.push(
        `  ${String(g.count).padStart(7)} × ${pad(g.severity, 7)} ${g.code}`,
        `            e.g. ${g.example.message}`,
      );
    }
    if (report.issueGroups.length > topProblemKinds) {
      out.push(`  … and ${report.issueGroups.length - topProblemKinds} more kinds (see --json)`);
    }
  }

  if (report.ambiguousDateColumns.length > 0) {
    out.push('', 'Date columns whose order is unknown (their rows are not sent):');
    for (const c of report.ambiguousDateColumns) {
      const mixed = mixedDateEvidence(report, c.letter);
      out.push(
        mixed
          ? `  column ${c.letter} '${c.header}' (${c.target}) mixes day-first and month-first dates: ${describeMixedDates(mixed)}.`
          : `  column ${c.letter} '${c.header}' (${c.target}): ${c.rows} value(s) such as ${c.examples.join(', ')} fit both day/month and month/day.`,
      );
    }
    out.push('  Re-run with --date-order dmy (day first) or --date-order mdy (month first).');
  }
  return printLines(out);
}

/**
 * What the valid rows go without and what Omneo will refuse, so nothing is left out silently:
 * `Left out: 3 values left out of 2 rows (…)`, `Omneo will refuse 4 valid rows: …`.
 */
export function sendNotes(s: Pick<CheckSummary, 'leftOut' | 'leftOutRows' | 'refused'>): string[] {
  const notes: string[] = [];
  const leftOut = describeLeftOut({ values: s.leftOut, rows: s.leftOutRows });
  if (leftOut) notes.push(`Left out: ${leftOut} (named per row in the left_out column of results.csv)`);
  if (s.refused > 0)
    notes.push(
      `Omneo will refuse ${s.refused} valid ${s.refused === 1 ? 'row' : 'rows'}: ${s.refused === 1 ? 'it repeats' : 'they repeat'} a mobile phone of an earlier row (use --repeated-phones leave-out to send ${s.refused === 1 ? 'it' : 'them'} without it)`,
    );
  return notes;
}

/** `, 3 values mapped` for a column with a value map, else nothing. */
function valuesNote(values: Readonly<Record<string, string | null>> | undefined): string {
  const n = values === undefined ? 0 : Object.keys(values).length;
  return n === 0 ? '' : `, ${n} value${n === 1 ? '' : 's'} mapped`;
}

/** Shortest run of unmapped, header-less columns printed as one line. */
const blankRunMin = 3;

type MappingLine = CheckReport['mapping'][number];

/**
 * The mapping's lines with each run of `blankRunMin` or more unmapped columns without a header
 * folded into one `{ run }` (a stray cell at XFD1 would otherwise print 16,382 lines).
 */
export function collapseBlankRuns(
  mapping: readonly MappingLine[],
): (MappingLine | { readonly run: { first: string; last: string; count: number } })[] {
  const out: (MappingLine | { readonly run: { first: string; last: string; count: number } })[] = [];
  let run: MappingLine[] = [];
  const flush = () => {
    if (run.length >= blankRunMin) {
      out.push({ run: { first: run[0]!.letter, last: run[run.length - 1]!.letter, count: run.length } });
    } else out.push(...run);
    run = [];
  };
  for (const m of mapping) {
    if (m.target === null && m.header.trim() === '') run.push(m);
    else {
      flush();
      out.push(m);
    }
  }
  flush();
  return out;
}
