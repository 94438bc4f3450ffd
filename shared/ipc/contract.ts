/**
 * The one contract between the renderer and main: every operation (`domain:verb`) with the zod
 * schemas of its input and output, and every event main pushes with the schema of its payload.
 *
 * Both sides derive their types from here: main parses each input with `input` before a handler
 * runs and each output with `output` before it leaves (unknown keys are stripped, so nothing a
 * schema does not name — a token — can slip out); the renderer's bridge type is a mapped type over
 * this map (see bridge.ts). Adding an operation is one entry here plus one handler in main.
 */
import type { z } from 'zod';
import { noInputSchema, type Infer } from './common-schemas';
import * as c from './connection-schemas';
import * as w from './workspace-schemas';
import * as v from './review-view-schemas';
import * as i from './import-schemas';
import * as vm from './value-map-schemas';
import * as e from './event-schemas';
import * as cmp from './compare-schemas';
import * as f from './file-schemas';

/** One operation's schemas. */
export interface OperationSchemas<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

function op<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): OperationSchemas<I, O> {
  return { input, output };
}

/** Every operation, by name. */
export const operations = {
  'app:info': op(noInputSchema, c.appInfoOutputSchema),

  'connections:list': op(noInputSchema, c.connectionsListOutputSchema),
  'connections:save': op(c.connectionsSaveInputSchema, c.connectionsSaveOutputSchema),
  'connections:delete': op(c.connectionsDeleteInputSchema, c.connectionsDeleteOutputSchema),
  'connections:test': op(c.connectionsTestInputSchema, c.connectionsTestOutputSchema),

  'file:open': op(w.fileOpenInputSchema, w.fileOpenOutputSchema),
  'file:reopen': op(w.fileReopenInputSchema, w.fileOpenOutputSchema),
  'file:choose-sheet': op(w.fileChooseSheetInputSchema, w.fileOpenOutputSchema),
  'file:close': op(w.fileCloseInputSchema, w.fileCloseOutputSchema),
  'file:head': op(f.fileHeadInputSchema, f.fileHeadOutputSchema),
  'file:cancel-read': op(noInputSchema, f.fileCancelReadOutputSchema),
  'file:status': op(f.fileStatusInputSchema, f.fileStatusOutputSchema),

  'mapping:suggest': op(w.mappingSuggestInputSchema, w.mappingSuggestOutputSchema),
  'mapping:apply': op(w.mappingApplyInputSchema, w.mappingApplyOutputSchema),
  'mapping:save-template': op(w.mappingSaveTemplateInputSchema, w.mappingSaveTemplateOutputSchema),
  'mapping:list-templates': op(noInputSchema, w.mappingListTemplatesOutputSchema),
  'mapping:use-template': op(w.mappingUseTemplateInputSchema, w.mappingSuggestOutputSchema),
  'mapping:rename-template': op(w.mappingRenameTemplateInputSchema, w.mappingSaveTemplateOutputSchema),
  'mapping:delete-template': op(w.mappingDeleteTemplateInputSchema, w.mappingDeleteTemplateOutputSchema),
  'mapping:values': op(vm.mappingValuesInputSchema, vm.mappingValuesOutputSchema),

  'check:run': op(w.checkRunInputSchema, w.checkRunOutputSchema),
  'rows:page': op(w.rowsPageInputSchema, w.rowsPageOutputSchema),
  'rows:edit': op(w.rowsEditInputSchema, w.rowsChangedOutputSchema),
  'rows:skip': op(w.rowsSkipInputSchema, w.rowsChangedOutputSchema),
  'rows:undo': op(w.rowsUndoInputSchema, w.rowsChangedOutputSchema),
  'rows:payload': op(w.rowsPayloadInputSchema, w.rowsPayloadOutputSchema),
  'issues:summary': op(w.issuesSummaryInputSchema, w.issuesSummaryOutputSchema),
  'rows:query': op(v.rowsQueryInputSchema, w.rowsPageOutputSchema),
  'rows:locate': op(v.rowsLocateInputSchema, v.rowsLocateOutputSchema),
  'rows:bulk': op(v.rowsBulkInputSchema, v.rowsBulkOutputSchema),

  'import:preview': op(i.importPreviewInputSchema, i.importPreviewOutputSchema),
  'import:start': op(i.importStartInputSchema, i.importStartOutputSchema),
  'import:pause': op(i.jobRefInputSchema, i.jobOutputSchema),
  'import:resume': op(i.jobRefInputSchema, i.jobOutputSchema),
  'import:cancel': op(i.jobRefInputSchema, i.jobOutputSchema),
  'jobs:list': op(noInputSchema, i.jobsListOutputSchema),
  'jobs:resume': op(i.jobRefInputSchema, i.jobOutputSchema),
  'jobs:failed-rows': op(i.jobsFailedRowsInputSchema, i.jobsFailedRowsOutputSchema),
  'jobs:live': op(i.jobRefInputSchema, e.jobsLiveOutputSchema),
  'import:retry-failed': op(i.importRetryFailedInputSchema, i.importRetryFailedOutputSchema),
  'report:export': op(i.reportExportInputSchema, i.reportExportOutputSchema),

  'compare:start': op(cmp.compareStartInputSchema, cmp.compareStatusSchema),
  'compare:status': op(cmp.compareFileInputSchema, cmp.compareStatusSchema),
  'compare:cancel': op(cmp.compareFileInputSchema, cmp.compareStatusSchema),
  'compare:rows': op(cmp.compareRowsInputSchema, cmp.compareRowsOutputSchema),
  'undo:plan': op(cmp.undoJobInputSchema, cmp.undoPlanOutputSchema),
  'undo:start': op(cmp.undoJobInputSchema, cmp.undoStartOutputSchema),
  'undo:cancel': op(cmp.undoJobInputSchema, cmp.undoCancelOutputSchema),
} as const;

/** Every event main pushes, by name, with the schema of its payload. */
export const events = {
  'file:progress': e.fileProgressEventSchema,
  'check:progress': e.checkProgressEventSchema,
  'import:progress': e.importProgressEventSchema,
  'batch:settled': e.batchSettledEventSchema,
  'job:finished': e.jobFinishedEventSchema,
  'connections:changed': e.connectionsChangedEventSchema,
  'menu:command': e.menuCommandEventSchema,
  'compare:progress': cmp.compareStatusSchema,
  'undo:progress': cmp.undoProgressEventSchema,
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type EventName = keyof typeof events;

/** Every operation name, for code that wires them all (registries, bridges, transports). */
export const operationNames = Object.keys(operations) as OperationName[];
export const eventNames = Object.keys(events) as EventName[];

/** What a caller passes (defaults not yet applied). */
export type OperationInput<K extends OperationName> = z.input<Operations[K]['input']>;
/** What a handler receives: the input after parsing, defaults applied. */
export type ParsedInput<K extends OperationName> = z.output<Operations[K]['input']>;
/** What an operation answers with, readonly all the way down. */
export type OperationOutput<K extends OperationName> = Infer<Operations[K]['output']>;
/** The payload of an event. */
export type EventPayload<E extends EventName> = Infer<(typeof events)[E]>;

/** True for a string that names an operation (for transports that receive names as text). */
export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}

/** True for a string that names an event. */
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
