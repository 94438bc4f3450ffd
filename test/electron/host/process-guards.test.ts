/**
 * The host's process guards: an error nothing caught is logged (its kind and place, never its
 * message, which may quote a customer's data) and the host lives on — in the real bundled host too,
 * where a thrown error and a rejected promise out of band used to end the process.
 */
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeWithoutData,
  installProcessGuards,
  maxErrorsPerWindow,
} from '../../../electron/host/process-guards';
import { repoRoot } from '../../support/shared-paths';
import { startHostProcess } from './host-process';

const customer = 'jose.nunez@example.com';

function guarded(now = () => 0) {
  const target = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  const remove = installProcessGuards({ log: (l) => lines.push(l), exit: (c) => exits.push(c), now, target });
  return { target, lines, exits, remove };
}

describe('installProcessGuards', () => {
  it('logs an uncaught exception by kind and place, without its message, and lives on', () => {
    const { target, lines, exits } = guarded();
    const error = new SyntaxError(`Unexpected token in JSON at position 3: "${customer}"`);
    target.emit('uncaughtException', error, 'uncaughtException');
    expect(exits).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^uncaught exception, the host carries on: SyntaxError at .*process-guards\.test/,
    );
    expect(lines.join('\n')).not.toContain(customer);
  });

  it('logs an unhandled rejection the same way, whatever was rejected', () => {
    const { target, lines, exits } = guarded();
    const error = Object.assign(new Error(customer), { code: 'ERR_SOMETHING' });
    target.emit('unhandledRejection', error);
    target.emit('unhandledRejection', customer);
    target.emit('unhandledRejection', null);
    expect(exits).toEqual([]);
    expect(lines[0]).toMatch(/^unhandled rejection, the host carries on: Error \[ERR_SOMETHING\] at /);
    expect(lines.slice(1)).toEqual([
      'unhandled rejection, the host carries on: a thrown string',
      'unhandled rejection, the host carries on: a thrown null',
    ]);
    expect(lines.join('\n')).not.toContain(customer);
  });

  it('stops with 70 when errors keep coming (more than the limit within a minute), not before', () => {
    let clock = 0;
    const { target, lines, exits } = guarded(() => clock);
    for (let i = 0; i < maxErrorsPerWindow; i++) {
      clock += 1000;
      target.emit('uncaughtException', new Error('x'), 'uncaughtException');
    }
    expect(exits).toEqual([]);
    clock += 61_000; // the window moved on: the old ones no longer count
    for (let i = 0; i < maxErrorsPerWindow; i++) target.emit('uncaughtException', new Error('x'), 'x');
    expect(exits).toEqual([]);
    target.emit('uncaughtException', new Error('x'), 'uncaughtException');
    expect(exits).toEqual([70]);
    expect(lines.at(-1)).toContain(
      `${maxErrorsPerWindow + 1} uncaught errors within a minute; the host stops`,
    );
  });

  it('stops at once when Node reports a broken internal state', () => {
    const { target, exits } = guarded();
    target.emit('uncaughtException', Object.assign(new Error('x'), { code: 'ERR_INTERNAL_ASSERTION' }), 'x');
    expect(exits).toEqual([70]);
  });

  it('removes its listeners', () => {
    const { target, remove } = guarded();
    remove();
    expect(target.listenerCount('uncaughtException') + target.listenerCount('unhandledRejection')).toBe(0);
  });

  it('describes an error without a stack by its kind alone', () => {
    const error = new TypeError(customer);
    error.stack = undefined;
    expect(describeWithoutData(error)).toBe('TypeError');
  });
});

describe('the bundled host', () => {
  let preload = '';
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repoRoot });
    // Loaded before the host: once its guards are in place (it is serving), throws and rejects out
    // of band, as a stray callback or a forgotten promise would.
    preload = path.join(mkdtempSync(path.join(tmpdir(), 'omneo-guards-')), 'stray-errors.mjs');
    writeFileSync(
      preload,
      [
        'const wait = setInterval(() => {',
        "  if (process.listenerCount('uncaughtException') === 0) return;",
        '  clearInterval(wait);',
        `  setTimeout(() => { throw new RangeError('stray ${customer}'); }, 200);`,
        `  setTimeout(() => { Promise.reject(new Error('lost ${customer}')); }, 300);`,
        '}, 50);',
      ].join('\n'),
    );
  });

  it('lives on after an uncaught exception and an unhandled rejection, and logs both without data', async () => {
    const host = await startHostProcess(['--import', preload]);
    try {
      await expect.poll(() => host.stderr(), { timeout: 15_000 }).toContain('unhandled rejection');
      expect(await host.answers()).toBe(true);
      expect(host.child.exitCode).toBeNull();
      expect(host.stderr()).toMatch(/\[host\] uncaught exception, the host carries on: RangeError at /);
      expect(host.stderr()).not.toContain(customer);
    } finally {
      await host.stop();
    }
  });
});
