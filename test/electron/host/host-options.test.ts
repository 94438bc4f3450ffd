import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostUsageError, parseHostCommandLine } from '../../../electron/host/host-options';
import { hostArgs } from '../../../electron/cli/ui-command';
import { casePath } from '../../support/shared-paths';

describe('host command line', () => {
  it('reads flags, with env as fallback', () => {
    const parsed = parseHostCommandLine(['--data-dir', '/tmp/omneo-x', '--port', '8123', '--no-open'], {});
    expect(parsed?.host).toMatchObject({ dataDir: path.resolve('/tmp/omneo-x'), port: 8123 });
    expect(parsed?.openBrowser).toBe(false);
    const fromEnv = parseHostCommandLine([], {
      OMNEO_DATA_DIR: '/tmp/omneo-y',
      OMNEO_PORT: '0',
      OMNEO_NO_OPEN: '1',
    });
    expect(fromEnv).toMatchObject({
      host: { dataDir: path.resolve('/tmp/omneo-y'), port: 0 },
      openBrowser: false,
    });
    expect(parseHostCommandLine(['--help'], {})).toBeNull();
  });

  it('passes the Sandbox options and the file to offer', () => {
    const parsed = parseHostCommandLine(
      ['--open', casePath('01-utf8-bom-header.csv'), '--sandbox-port', '4011', '--sandbox-test-endpoints'],
      {},
    );
    expect(parsed?.host).toMatchObject({
      openFile: casePath('01-utf8-bom-header.csv'),
      sandboxOptions: { port: 4011, testEndpoints: true },
    });
    expect(parsed?.openBrowser).toBe(true);
  });

  it.each([
    [['--port', '70000'], /--port must be a port number/],
    [['--port', 'abc'], /--port must be a port number/],
    [['--open', '/no/such/file.csv'], /does not exist/],
    [['--colour'], /Unknown option/],
    [['stray'], /positional/i],
  ])('refuses %j', (args, message) => {
    expect(() => parseHostCommandLine(args, {})).toThrow(HostUsageError);
    expect(() => parseHostCommandLine(args, {})).toThrow(message);
  });

  it('maps `omneo-import ui` flags onto the same parser', () => {
    expect(
      hostArgs({ open: false, port: '0', dataDir: 'd', file: 'f.csv', sandboxTestEndpoints: true }),
    ).toEqual(['--data-dir', 'd', '--port', '0', '--no-open', '--open', 'f.csv', '--sandbox-test-endpoints']);
    expect(hostArgs({ open: true })).toEqual([]);
  });
});
