/**
 * What the wizard has gathered so far, and which steps the user may go to.
 *
 * Plain values, no React: each step reads what it needs and reports what it chose; the wizard
 * keeps the whole. A step is reachable once everything before it is settled, so the step list can
 * double as navigation without letting the user skip ahead past a missing choice.
 */
import type { OperationOutput } from '../../shared/ipc/contract';
import type { CheckOptions } from '../../shared/engine/check-options';
import { maxBatchSize } from '../../shared/omneo/profile-schema';

/** The seven steps, in order. */
export const stepIds = ['connection', 'file', 'mapping', 'options', 'review', 'import', 'results'] as const;
export type StepId = (typeof stepIds)[number];

/** What each step is called on the page. */
export const stepTitles: Readonly<Record<StepId, string>> = {
  connection: 'Connection',
  file: 'File',
  mapping: 'Mapping',
  options: 'Options',
  review: 'Review',
  import: 'Import',
  results: 'Results',
};

export type FileInfo = Extract<OperationOutput<'file:open'>, { kind: 'opened' }>['info'];
export type Job = OperationOutput<'jobs:list'>['jobs'][number];
/** A mapped column: its index, field path and value map (`Gold Member` → `gold`; value-map.ts). */
export type MappedColumn = {
  readonly column: number;
  readonly target: string;
  readonly values?: Readonly<Record<string, string | null>>;
};

/** The connection to send to, or preview only (nothing can be sent). */
export type ConnectionChoice =
  | { readonly kind: 'connection'; readonly id: string; readonly name: string }
  | { readonly kind: 'preview-only' };

/** The open file as main named it, with its data rows once main has read them. */
export interface OpenedFile {
  readonly fileId: string;
  readonly info: FileInfo;
  readonly rows?: number;
  /** Why its rows cannot be read ("… (line 3, column notes)"); the later steps stay closed. */
  readonly rowsError?: string;
}

/** Options of the check plus the import's own (Omneo `import_job_id`). */
export interface ImportOptions {
  readonly check: CheckOptions;
  readonly importJobId: string;
  /** Send rows repeating an earlier row's mobile phone without it (Omneo keeps it unique). */
  readonly leaveOutRepeatedPhones: boolean;
}

/** Everything the wizard has gathered. */
export interface WizardState {
  readonly step: StepId;
  readonly connection: ConnectionChoice | null;
  readonly file: OpenedFile | null;
  /** Null until the mapping step has loaded suggestions for this file. */
  readonly mapping: readonly MappedColumn[] | null;
  readonly options: ImportOptions;
  /** The running or last job. */
  readonly job: Job | null;
}

/** The first state: nothing chosen, on the connection step. */
export function initialWizardState(check: CheckOptions): WizardState {
  return {
    step: 'connection',
    connection: null,
    file: null,
    mapping: null,
    options: { check, importJobId: '', leaveOutRepeatedPhones: false },
    job: null,
  };
}

function readable(file: OpenedFile | null): file is OpenedFile {
  return file !== null && file.rowsError === undefined;
}

/**
 * Why the options cannot be checked as they are, in words for the page; null when they can.
 *
 * The step list and the Options step's Next button both ask this, so neither lets a value main
 * would refuse (a batch of 501) through.
 */
export function optionsProblem(options: ImportOptions): string | null {
  const size = options.check.batchSize;
  if (!Number.isInteger(size) || size < 1 || size > maxBatchSize)
    return `Batch size must be a whole number from 1 to ${maxBatchSize} (Omneo's limit per batch).`;
  return null;
}

/** Whether `step` can be shown with what has been gathered. */
export function canVisit(state: WizardState, step: StepId): boolean {
  switch (step) {
    case 'connection':
      return true;
    case 'file':
      return state.connection !== null;
    case 'mapping':
    case 'options':
      return state.connection !== null && readable(state.file);
    case 'review':
      return (
        state.connection !== null &&
        readable(state.file) &&
        (state.mapping?.length ?? 0) > 0 &&
        optionsProblem(state.options) === null
      );
    case 'import':
    case 'results':
      return state.job !== null;
  }
}

/** The identity handles the mapping writes (`identities.loyalty_id` → `loyalty_id`), for match criteria. */
export function mappedIdentityHandles(mapping: readonly MappedColumn[] | null): string[] {
  const handles = new Set<string>();
  for (const { target } of mapping ?? []) {
    const match = /^identities\.([a-z0-9_-]+)$/.exec(target);
    if (match?.[1]) handles.add(match[1]);
  }
  return [...handles];
}
