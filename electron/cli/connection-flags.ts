/**
 * The connection options of every command that talks to Omneo (`run`, `check --compare`, `undo`):
 * `--base-url` and `--token-env`, turned into a client, with the same messages everywhere.
 */
import type { Command } from 'commander';
import { ApiConfigError, OmneoClient } from '../omneo/api-client';
import { UsageError } from './cli-context';

/** Commander's values for the connection flags. */
export interface ConnectionFlags {
  baseUrl?: string;
  tokenEnv: string;
}

/** Adds `--base-url` and `--token-env` (default OMNEO_API_TOKEN) to a command. */
export function addConnectionFlags(command: Command, baseUrlHelp: string): Command {
  return command
    .option('--base-url <url>', baseUrlHelp)
    .option('--token-env <name>', 'environment variable holding the API token', 'OMNEO_API_TOKEN');
}

/**
 * A client for `baseUrl` with the token from the flag's environment variable.
 *
 * Returns `{kind: 'no-token', message}` when the variable is empty (the caller's exit code);
 * throws UsageError for a missing or unusable base URL.
 */
export function clientFromFlags(
  baseUrl: string | undefined,
  flags: ConnectionFlags,
  command: string,
): { kind: 'client'; client: OmneoClient } | { kind: 'no-token'; message: string } {
  if (!baseUrl) {
    throw new UsageError(`${command}: --base-url is required (e.g. https://api.acme.getomneo.com/api/v3)`);
  }
  const token = process.env[flags.tokenEnv] ?? '';
  if (token.trim() === '') {
    return {
      kind: 'no-token',
      message: `no API token: set the ${flags.tokenEnv} environment variable (or pass --token-env NAME).`,
    };
  }
  try {
    return { kind: 'client', client: new OmneoClient({ baseUrl, token }) };
  } catch (error) {
    if (error instanceof ApiConfigError) throw new UsageError(`--base-url: ${error.message}`);
    throw error;
  }
}
