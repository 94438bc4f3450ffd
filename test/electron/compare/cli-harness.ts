/**
 * Runs `omneo-import` in process against a simulator, for the compare, mode and undo tests.
 */
import type { CliContext } from '../../../electron/cli/cli-context';
import { runCli } from '../../../electron/cli/main';

/** What one command printed and its exit code. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Run the CLI with `args`. */
export async function cli(...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const context: CliContext = { out: (t) => (out += t), err: (t) => (err += t), exitCode: 0 };
  const code = await runCli(args, context);
  return { code, out, err };
}

/** The job id a `run --json` printed. */
export function jobIdOf(result: CliResult): string {
  const line = result.out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { kind: string; jobId?: string })
    .find((event) => event.kind === 'job');
  if (!line?.jobId) throw new Error(`no job id in: ${result.out}\n${result.err}`);
  return line.jobId;
}
