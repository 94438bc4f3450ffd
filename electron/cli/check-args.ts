/**
 * The options shared by `check` and every command that reads a file through the engine (`run`):
 * reading, mapping and checking flags, parsed into what `checkFile` takes.
 *
 * Kept apart from the `check` command so `run` adds exactly the same flags with one call and gets
 * the same usage errors (exit code 64).
 */
import { readFile } from 'node:fs/promises';
import { whyNotAFile } from '../files/file-kind';
import { Option, type Command } from 'commander';
import {
  checkOptionsSchema,
  dateOrders,
  duplicatePolicies,
  invalidValuePolicies,
  repeatedPhonesPolicies,
  type CheckOptionsInput,
} from '../../shared/engine/check-options';
import type { MappingInput, MappingOverride } from '../../shared/engine/resolve-mapping';
import { parseFieldPath } from '../../shared/fields/field-path';
import { readSavedMapping } from '../../shared/mapping/mapping-file';
import { isValidRegion } from '../../shared/normalise/phone';
import { maxBatchSize } from '../../shared/omneo/profile-schema';
import { encodingLabels, type EncodingLabel, type ReadOptions } from '../../shared/source/source-table';
import { UsageError } from './cli-context';

/** Everything `checkFile` needs, parsed from the command line. */
export interface CheckArgs {
  readonly path: string;
  readonly read: ReadOptions;
  readonly mapping: MappingInput;
  readonly overrides: readonly MappingOverride[];
  readonly options: CheckOptionsInput;
}

/** Commander's parsed values for the flags {@link addCheckFlags} adds. */
interface CheckFlagValues {
  sheet?: string;
  headerRow?: string;
  encoding?: string;
  delimiter?: string;
  mapping?: string;
  map?: string[];
  match?: string;
  dateOrder?: string;
  phoneRegion?: string;
  onInvalidValue?: string;
  duplicates?: string;
  repeatedPhones?: string;
  batchSize?: string;
  timeZone?: string;
}

/** Adds the reading, mapping and checking flags to a command (used by `check` and `run`). */
export function addCheckFlags(command: Command): Command {
  return command
    .option('--sheet <name>', 'Excel sheet to read (default: the active visible sheet)')
    .option('--header-row <n>', 'line (or sheet row) of the header (default: the first non-blank row)')
    .option('--encoding <label>', `text encoding: ${encodingLabels.join(', ')} (default: detected)`)
    .option(
      '--delimiter <char>',
      'field delimiter: a character, or tab/comma/semicolon/pipe (default: detected)',
    )
    .option('--mapping <file>', 'saved mapping file (JSON, version 1) to apply instead of automatic mapping')
    .option(
      '--map <column=field>',
      'set a column\'s target: "Header=field.path", "col:E=…" or "#5=…"; empty target unmaps (repeatable)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--match <criteria>', 'match criteria: email or an identity handle (default: email)')
    .addOption(
      new Option('--date-order <order>', 'order of text dates (default: inferred)').choices(dateOrders),
    )
    .option('--phone-region <cc>', 'default country for phones without a country code, e.g. AU')
    .addOption(
      new Option(
        '--on-invalid-value <policy>',
        'reject the row, or drop the bad optional value (default: reject)',
      ).choices(invalidValuePolicies),
    )
    .addOption(
      new Option(
        '--duplicates <which>',
        'rows sharing a match key: send the first, the last, or none of them (default: first)',
      ).choices(duplicateFlagValues),
    )
    .addOption(
      new Option(
        '--repeated-phones <what>',
        'a mobile_phone already on an earlier sent row: keep it (Omneo refuses the later profile) or leave it out of the later rows (default: keep)',
      ).choices(repeatedPhonesPolicies),
    )
    .option('--batch-size <n>', 'profiles per batch, 1–500 (default: 500)')
    .option('--time-zone <iana>', 'time zone for date-only date-times (default: UTC)');
}

/**
 * Parses the flags of {@link addCheckFlags} for `file`.
 *
 * Throws {@link UsageError} for a bad value (naming the flag) or an unreadable/invalid mapping file.
 */
export async function readCheckArgs(file: string, flags: CheckFlagValues): Promise<CheckArgs> {
  const read: ReadOptions = {
    ...(flags.sheet !== undefined && { sheet: flags.sheet }),
    ...(flags.headerRow !== undefined && { headerRow: positiveInteger('--header-row', flags.headerRow) }),
    ...(flags.encoding !== undefined && { encoding: encodingOf(flags.encoding) }),
    ...(flags.delimiter !== undefined && { delimiter: delimiterOf(flags.delimiter) }),
  };
  const options: CheckOptionsInput = {
    ...(flags.match !== undefined && { match: flags.match }),
    ...(flags.dateOrder !== undefined && { dateOrder: flags.dateOrder as CheckOptionsInput['dateOrder'] }),
    ...(flags.phoneRegion !== undefined && { phoneRegion: phoneRegionOf(flags.phoneRegion) }),
    ...(flags.onInvalidValue !== undefined && {
      onInvalidValue: flags.onInvalidValue as CheckOptionsInput['onInvalidValue'],
    }),
    ...(flags.duplicates !== undefined && { duplicates: duplicatePolicyOf(flags.duplicates) }),
    ...(flags.repeatedPhones !== undefined && {
      repeatedPhones: flags.repeatedPhones as CheckOptionsInput['repeatedPhones'],
    }),
    ...(flags.batchSize !== undefined && { batchSize: batchSizeOf(flags.batchSize) }),
    ...(flags.timeZone !== undefined && { timeZone: flags.timeZone }),
  };
  const checked = checkOptionsSchema.safeParse(options);
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new UsageError(`${flagOf(String(first?.path[0] ?? ''))}: ${first?.message ?? 'invalid value'}`);
  }
  const overrides = (flags.map ?? []).map(parseOverride);
  const mapping: MappingInput = flags.mapping === undefined ? 'auto' : await readMappingFile(flags.mapping);
  return { path: file, read, mapping, overrides, options };
}

/** `--duplicates` values: `first`, `last`, `none` (the policies without `keep-`). */
const duplicateFlagValues = ['first', 'last', 'none'] as const;

/** `first` → `keep-first`, `last` → `keep-last`, `none` → `none`. */
function duplicatePolicyOf(flag: string): (typeof duplicatePolicies)[number] {
  const policy = flag === 'none' ? 'none' : `keep-${flag}`;
  const known = duplicatePolicies.find((p) => p === policy);
  if (known === undefined) throw new UsageError(`--duplicates: expected first, last or none`);
  return known;
}

/** Reads and validates a saved mapping file; throws {@link UsageError} naming the file. */
async function readMappingFile(file: string): Promise<MappingInput> {
  let text: string;
  try {
    const notFile = await whyNotAFile(file);
    if (notFile !== null) throw new UsageError(`--mapping ${file}: cannot read the file: ${notFile}`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `--mapping ${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const read = readSavedMapping(text);
  if (!read.ok) throw new UsageError(`--mapping ${file}: ${read.message}`);
  return read.saved;
}

/**
 * Parses one `--map` value: `Header=field.path`, `col:E=field.path` or `#5=field.path`.
 *
 * Split at the last `=`, since headers may contain `=` but field paths never do. An empty target
 * (`Notes=`) leaves the column unmapped.
 */
export function parseOverride(text: string): MappingOverride {
  const at = text.lastIndexOf('=');
  if (at <= 0) throw new UsageError(`--map "${text}": expected "Header=field.path" (or col:E=…, #5=…)`);
  const column = text.slice(0, at).trim();
  const target = text.slice(at + 1).trim();
  if (target !== '') {
    const parsed = parseFieldPath(target);
    if (!parsed.ok) throw new UsageError(`--map "${text}": ${parsed.message}`);
  }
  return { column, target: target === '' ? null : target };
}

/** `--batch-size`: a whole number from 1 to 500 (Omneo batch docs: at most 500 profiles a call). */
function batchSizeOf(text: string): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > maxBatchSize) {
    throw new UsageError(`--batch-size must be 1–${maxBatchSize} (Omneo's batch limit), got "${text}"`);
  }
  return value;
}

/** `--phone-region`: a two-letter region libphonenumber has numbering rules for (AU, GB, US …). */
function phoneRegionOf(text: string): string {
  const code = text.trim().toUpperCase();
  if (!isValidRegion(code)) {
    throw new UsageError(
      `--phone-region "${text}": not a country code phone numbers are known for; use a two-letter code such as AU, GB or US`,
    );
  }
  return code;
}

const delimiterNames: Readonly<Record<string, string>> = {
  tab: '\t',
  '\\t': '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
  space: ' ',
};

function delimiterOf(text: string): string {
  const named = delimiterNames[text.toLowerCase()];
  if (named !== undefined) return named;
  if ([...text].length !== 1 || text === '"' || text === '\n' || text === '\r') {
    throw new UsageError(`--delimiter "${text}": give one character, or tab, comma, semicolon or pipe`);
  }
  return text;
}

const encodingAliases: Readonly<Record<string, EncodingLabel>> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
};

function encodingOf(text: string): EncodingLabel {
  const label = encodingAliases[text.toLowerCase()];
  if (label === undefined)
    throw new UsageError(`--encoding "${text}": use one of ${encodingLabels.join(', ')}`);
  return label;
}

function positiveInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
    throw new UsageError(`${flag} "${text}": expected a whole number ≥ 1`);
  return Number(text);
}

function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
