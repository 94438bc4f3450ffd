/**
 * `omneo-import sim`: run the Omneo simulator from the command line.
 *
 * For trying the product without a tenant, for demos and for benchmarks in another process: it
 * prints the base URL and the (sandbox) token to use, serves until SIGINT or SIGTERM, then closes
 * cleanly (flushing its state file when `--data` is given).
 *
 * Safe by default, because people try it with real customer files: loopback only, the same Host
 * and Origin checks as the browser host (loopback-guard.ts), no `/__sim` test endpoints (which
 * serve every profile without a token) unless `--test-endpoints`, and a notice at start that it
 * keeps what it receives unencrypted.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { tenantSeedSchema } from '../simulator/reference-data';
import {
  isLoopbackAddress,
  notLoopbackMessage,
  startSimulator,
  type SimulatorOptions,
} from '../simulator/simulator';
import { exitCodes, UsageError, type CliContext } from './cli-context';

/** The raw option values commander hands the action (all strings, as typed). */
export interface SimCommandFlags {
  port?: string;
  host?: string;
  token?: string;
  rateLimit?: string;
  faultRate?: string;
  latency?: string;
  seed?: string;
  data?: string;
  processingDelay?: string;
  dropRate?: string;
  lostResponseRate?: string;
  revokeAfter?: string;
  testEndpoints?: boolean;
  tenant?: string;
  emailInFilter?: boolean;
}

/**
 * Turn the command's flags into simulator options.
 *
 * Throws UsageError naming the flag when a value is out of range or not a number
 * (`--fault-rate must be a number from 0 to 1, got "2"`). `--rate-limit` takes `N` or `N/min`.
 */
export function parseSimFlags(flags: SimCommandFlags): SimulatorOptions {
  const options: SimulatorOptions = { testEndpoints: flags.testEndpoints === true };
  if (flags.port !== undefined) options.port = integer('--port', flags.port, 0, 65535);
  if (flags.host !== undefined) {
    if (!isLoopbackAddress(flags.host)) throw new UsageError(`--host: ${notLoopbackMessage(flags.host)}`);
    options.host = flags.host;
  }
  if (flags.token !== undefined) {
    if (flags.token.trim() === '') throw new UsageError('--token must not be empty');
    options.token = flags.token;
  }
  if (flags.rateLimit !== undefined) {
    const match = /^\s*(\d+)\s*(?:\/\s*min)?\s*$/i.exec(flags.rateLimit);
    const perMinute = match ? Number(match[1]) : NaN;
    if (!(perMinute >= 1)) {
      throw new UsageError(
        `--rate-limit must be requests per minute, like 600 or 600/min, got "${flags.rateLimit}"`,
      );
    }
    options.rateLimitPerMinute = perMinute;
  }
  if (flags.faultRate !== undefined) options.faultRate = share('--fault-rate', flags.faultRate);
  if (flags.dropRate !== undefined) options.dropConnectionRate = share('--drop-rate', flags.dropRate);
  if (flags.lostResponseRate !== undefined) {
    options.lostResponseRate = share('--lost-response-rate', flags.lostResponseRate);
  }
  if (flags.latency !== undefined) options.latencyMs = integer('--latency', flags.latency, 0, 600_000);
  if (flags.processingDelay !== undefined) {
    options.processingDelayMs = integer('--processing-delay', flags.processingDelay, 0, 600_000);
  }
  if (flags.seed !== undefined) options.seed = integer('--seed', flags.seed, 0, 2 ** 32 - 1);
  if (flags.revokeAfter !== undefined) {
    options.revokeTokenAfter = integer('--revoke-after', flags.revokeAfter, 0, Number.MAX_SAFE_INTEGER);
  }
  if (flags.data !== undefined) options.dataFile = flags.data;
  if (flags.tenant !== undefined) options.tenant = readTenantSeed(flags.tenant);
  if (flags.emailInFilter === false) options.acceptsEmailInFilter = false;
  return options;
}

/** Resolves with the signal's name when the process gets SIGINT or SIGTERM. */
export function waitForTerminationSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Register `sim` on the program.
 *
 * `waitForStop` decides when the simulator shuts down (default: SIGINT/SIGTERM); tests pass
 * their own. Exit code 0 after a clean stop, 2 when the simulator cannot start (port taken,
 * unreadable `--data` file), 64 for a bad flag.
 */
export function registerSimCommand(
  program: Command,
  context: CliContext,
  waitForStop: () => Promise<string> = waitForTerminationSignal,
): void {
  program
    .command('sim')
    .description('Run the Omneo simulator: a local stand-in for an Omneo tenant, with faults on demand.')
    .option('--port <n>', 'TCP port (0 picks a free one)', '4010')
    .option('--host <address>', 'loopback interface to listen on (127.0.0.1, ::1 or localhost)', '127.0.0.1')
    .option('--token <token>', 'bearer token to accept', 'sandbox-token')
    .option('--rate-limit <n/min>', 'requests allowed per minute per token (429 beyond)')
    .option('--fault-rate <p>', 'share of requests answered 500/502/503, 0..1')
    .option('--latency <ms>', 'delay before each API request is answered')
    .option('--seed <n>', 'seed of the fault generator (same seed, same faults)')
    .option('--data <file>', 'keep the tenant in this JSON file across restarts')
    .option('--processing-delay <ms>', 'time a queued batch waits before processing')
    .option('--drop-rate <p>', 'share of requests whose connection is dropped, 0..1')
    .option('--lost-response-rate <p>', 'share of accepted batches whose response is lost, 0..1')
    .option('--revoke-after <n>', 'refuse the token (401) after this many requests')
    .option(
      '--tenant <file>',
      'start the tenant from this JSON seed: profiles, tags, statuses, locations, regions, currencies, countries, identityHandles',
    )
    .option(
      '--no-email-in-filter',
      'refuse GET /profiles?filter[email][in]=… (400), like a tenant without it',
    )
    .option(
      '--test-endpoints',
      'serve /__sim/state, /__sim/config, /__sim/reset (no token needed: every profile readable)',
    )
    .option('--no-test-endpoints', 'do not serve the /__sim endpoints (the default)')
    .action(async (flags: SimCommandFlags) => {
      const options = parseSimFlags(flags);
      let sim;
      try {
        sim = await startSimulator(options);
      } catch (error) {
        context.err(`error: the simulator could not start: ${(error as Error).message}\n`);
        context.exitCode = exitCodes.fileError;
        return;
      }
      context.out(
        `${simulatorNotice(options.dataFile)}\n` +
          `Omneo simulator listening\n  base URL: ${sim.baseUrl}\n  token:    ${sim.token}\n` +
          (options.testEndpoints
            ? `  state:    ${sim.baseUrl.replace(/\/api\/v3$/, '/__sim/state')}\n`
            : '') +
          'Press Ctrl+C to stop.\n',
      );
      const signal = await waitForStop();
      await sim.close();
      context.out(`Simulator stopped (${signal}).\n`);
      context.exitCode = exitCodes.ok;
    });
}

/** What the simulator says at start about where it keeps what it receives. */
export function simulatorNotice(dataFile: string | null | undefined): string {
  const where = !dataFile
    ? 'in memory'
    : `in memory and in its state file ${dataFile} (readable by your user only)`;
  return (
    `This is a simulator, not Omneo: it keeps every profile it receives ${where}, unencrypted. ` +
    'Use made-up data, or delete the state file when done.'
  );
}

/** Read and check a `--tenant` seed file; throws UsageError naming the file and the bad field. */
function readTenantSeed(file: string): NonNullable<SimulatorOptions['tenant']> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--tenant ${file}: not a readable JSON file (${(error as Error).message})`);
  }
  const parsed = tenantSeedSchema.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'seed'}: ${i.message}`).join('; ');
    throw new UsageError(`--tenant ${file}: not a tenant seed (${why})`);
  }
  return parsed.data;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function share(flag: string, text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`${flag} must be a number from 0 to 1, got "${text}"`);
  }
  return value;
}
