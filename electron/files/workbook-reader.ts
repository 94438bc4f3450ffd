/**
 * The workbook reader as the worker thread runs it: open a workbook once (sheet, header row,
 * columns, notices) into a plain, cloneable {@link WorkbookOpened}, then stream its data rows as
 * often as asked from the {@link WorkbookPlan} the opening returned.
 *
 * Readers: SheetJS for everything today (`excel-table.ts`).
 */
import type { Issue } from '../../shared/engine/issue';
import type { FileInfo, ReadOptions, SourceRow } from '../../shared/source/source-table';
import { openWorkbook, type WorkbookFile } from './excel-table';

/** How to read the data rows again: the reader and the choices the opening made. */
export type WorkbookPlan = {
  readonly reader: 'sheetjs';
  readonly sheet: string;
  readonly headerRow: number;
};

/** An opened workbook: what the file looks like, what the reader noticed, and how to read its rows. */
export interface WorkbookOpened {
  readonly info: FileInfo;
  readonly notices: readonly Issue[];
  readonly plan: WorkbookPlan;
}

/**
 * Opens a workbook: chooses the sheet and the header row (the user's, or detected).
 *
 * Throws FileErrorException as {@link openWorkbook} does.
 */
export async function openWorkbookPlan(file: WorkbookFile, options: ReadOptions): Promise<WorkbookOpened> {
  const source = await openWorkbook(file, { sheet: options.sheet, headerRow: options.headerRow });
  const sheet = source.info.sheet ?? '';
  return {
    info: source.info,
    notices: source.notices ?? [],
    plan: { reader: 'sheetjs', sheet, headerRow: source.info.headerRow },
  };
}

/**
 * The data rows of an opened workbook, in sheet order, at most `chunkRows` a chunk.
 *
 * Throws FileErrorException when the file changed so that the plan no longer fits it.
 */
export async function* workbookRows(
  file: WorkbookFile,
  plan: WorkbookPlan,
  chunkRows: number,
): AsyncGenerator<readonly SourceRow[]> {
  const source = await openWorkbook(file, { sheet: plan.sheet, headerRow: plan.headerRow, chunkRows });
  yield* source.rows();
}
