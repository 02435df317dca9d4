/**
 * The browser for the console's browser test: Debian's chromium, driven by playwright-core
 * (which downloads no browser of its own). `ensureChromium()` installs it with apt when it is
 * missing and we are root; otherwise it fails saying what to install. LEB_CHROMIUM points at
 * another Chromium binary.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** Debian's chromium binary. */
export const debianChromium = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on a machine without outside network: no sandbox (CI runs
 * as root), no GPU, and none of the background fetches (updates, sync, QUIC probes) that
 * would only time out.
 */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The Chromium binary to use (LEB_CHROMIUM or Debian's), or undefined when it is not installed. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.LEB_CHROMIUM || debianChromium;
  return executable(file) ? file : undefined;
}

/** Makes sure Chromium is there, installing Debian's package as root; returns its path or throws saying what to do. */
export function ensureChromium(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = (l) => console.error(l)): string {
  const found = chromiumPath(env);
  if (found) return found;
  if (env.LEB_CHROMIUM) throw new Error(`LEB_CHROMIUM=${env.LEB_CHROMIUM} is not an executable file`);
  if (process.getuid?.() !== 0) {
    throw new Error(`the console browser test needs Chromium at ${debianChromium}: run "sudo apt-get install -y chromium" (or set LEB_CHROMIUM to a Chromium binary)`);
  }
  log('[test] installing Debian chromium for the console browser test (apt-get) ...');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const res = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: aptEnv });
    if (res.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${res.status ?? res.signal}); install chromium by hand or set LEB_CHROMIUM`);
  }
  const installed = chromiumPath(env);
  if (!installed) throw new Error(`apt-get installed chromium but ${debianChromium} is still missing`);
  return installed;
}
