/**
 * Finds the field delimiter of a delimited text file, and Excel's `sep=` line.
 *
 * Naive guessing (count the commas) is fooled by European files, where `;` separates fields
 * and `,` is the decimal mark (`1.234,50`) and also appears inside addresses. We instead parse
 * the first lines with each candidate, honouring quotes, and choose the one that splits them
 * into the most consistent number of fields.
 */
import Papa from 'papaparse';

/** The delimiters we try, in order of preference when the evidence is equal. */
export const delimiterCandidates = [',', ';', '\t', '|'] as const;

/** A detected delimiter; `confident` is false when no candidate split the lines at all. */
export interface DetectedDelimiter {
  readonly delimiter: string;
  readonly confident: boolean;
}

/** Excel's first-line hint, e.g. `sep=;`: the delimiter and how many characters the line takes. */
export interface SepLine {
  readonly delimiter: string;
  /** Characters to skip, including the line break. */
  readonly length: number;
}

const sepLinePattern = /^"?sep=(.)"?[ \t]*(\r\n|\n|\r)/i;

/**
 * Reads Excel's `sep=X` first line (written by Excel "CSV" exports in some locales), if present.
 *
 * The line is not part of the table: the caller skips it, so it never becomes the header.
 */
export function readSepLine(text: string): SepLine | null {
  const match = sepLinePattern.exec(text);
  if (!match || match[1] === undefined) return null;
  return { delimiter: match[1], length: match[0].length };
}

/** How well one candidate splits the sample. */
interface CandidateScore {
  readonly delimiter: string;
  /** Share of non-blank lines with the most common field count (0–1). */
  readonly consistency: number;
  readonly fields: number;
}

function scoreCandidate(
  sample: string,
  newline: '\n' | '\r',
  delimiter: string,
  isWholeFile: boolean,
): CandidateScore {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  const result = parser.parse(sample, 0, !isWholeFile) as { data: string[][] };
  const counts = new Map<number, number>();
  let lines = 0;
  for (const row of result.data) {
    if (row.every((cell) => cell.trim() === '')) continue;
    lines++;
    counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  }
  let fields = 1;
  let best = 0;
  for (const [count, times] of counts) {
    if (times > best || (times === best && count > fields)) {
      fields = count;
      best = times;
    }
  }
  if (fields < 2 || lines === 0) return { delimiter, consistency: 0, fields: 1 };
  return { delimiter, consistency: best / lines, fields };
}

/**
 * Picks the delimiter that splits the sample's lines most consistently.
 *
 * `sample` is the decoded start of the file (after any `sep=` line); unless `isWholeFile`, its
 * last line may be cut short and is ignored. Ties go to the candidate giving more fields, then to the candidate order
 * (`,` `;` tab `|`). Falls back to `,` (not confident) for a one-column file.
 */
export function detectDelimiter(sample: string, isWholeFile = false): DetectedDelimiter {
  const newline = sample.includes('\n') || !sample.includes('\r') ? '\n' : '\r';
  const text = sample.includes('\n') || sample.includes('\r') ? sample : `${sample}\n`;
  let best: CandidateScore | null = null;
  for (const delimiter of delimiterCandidates) {
    const score = scoreCandidate(text, newline, delimiter, isWholeFile);
    if (score.consistency === 0) continue;
    if (
      !best ||
      score.consistency > best.consistency ||
      (score.consistency === best.consistency && score.fields > best.fields)
    ) {
      best = score;
    }
  }
  return best ? { delimiter: best.delimiter, confident: true } : { delimiter: ',', confident: false };
}
