import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launcherHtml, writeLauncher } from '../../../electron/host/browser-launch';
import { createHostSessions, startCodeLifetimeMs } from '../../../electron/host/host-sessions';

describe('host sessions', () => {
  it('exchanges a start code once, within its lifetime, for a key of its own', () => {
    let now = 1_000_000;
    const sessions = createHostSessions(() => now);
    const used: string[] = [];
    const code = sessions.issueStartCode(() => used.push('first'));
    const key = sessions.exchange(code);
    expect(key).not.toBeNull();
    expect(sessions.isSession(key)).toBe(true);
    expect(used).toEqual(['first']);
    expect(sessions.exchange(code)).toBeNull();
    expect(sessions.isSession(code)).toBe(false);

    const late = sessions.issueStartCode(() => used.push('late'));
    now += startCodeLifetimeMs;
    expect(sessions.exchange(late)).toBeNull();
    expect(used).toEqual(['first', 'late']);
    expect(sessions.isSession(null)).toBe(false);
    sessions.close();
    expect(sessions.isSession(key)).toBe(false);
  });
});

describe('the browser launcher file', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-launch-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the link (not the command line), is private, and is deleted once the link is used', async () => {
    const sessions = createHostSessions();
    let link = '';
    const file = await writeLauncher(dir, (onUsed) => {
      link = `http://127.0.0.1:1/#start=${sessions.issueStartCode(onUsed)}`;
      return link;
    });
    expect(path.basename(file)).not.toContain(new URL(link).hash.slice(7));
    expect(await readFile(file, 'utf8')).toBe(launcherHtml(link));
    expect(launcherHtml(link)).toContain(`content="0;url=${link}"`);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(sessions.exchange(new URL(link).hash.slice('#start='.length))).not.toBeNull();
    await expect
      .poll(() =>
        stat(file).then(
          () => 'present',
          () => 'gone',
        ),
      )
      .toBe('gone');
  });
});
