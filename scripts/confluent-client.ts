/**
 * `npm run client:confluent [-- --apt] [-- --force]`: builds @confluentinc/kafka-javascript
 * (pinned) from source into the stack cache, for KAFKA_CLIENT=confluent. It is not a regular
 * dependency: its prebuilt binaries come from GitHub, which is not reachable everywhere, and
 * the source build (librdkafka and the Node addon) takes minutes (1.5 to 5 on 2 cores), which the default
 * `npm install` must not pay.
 *
 * Checks the Debian build prerequisites first and prints the apt-get command for any missing
 * one (`--apt` runs it, as root). Does nothing when the addon is already built and loads.
 * Installs into LEB_CONFLUENT_CLIENT_DIR, default `.stack/cache/confluent-kafka-javascript-<version>`.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { confluentAddonFile, confluentClientDir, confluentClientVersion, confluentPackage } from '../services/platform/kafka/confluent-module.ts';
import { StackPrerequisiteError } from './stack/prerequisites.ts';

/** Debian packages the source build needs: compiler, node-gyp's Python, librdkafka's libraries. */
export const debianBuildPackages = ['build-essential', 'python3', 'libssl-dev', 'libsasl2-dev', 'libcurl4-openssl-dev', 'liblz4-dev', 'libzstd-dev', 'zlib1g-dev'];

const say = (line: string) => console.error(`[client:confluent] ${line}`);
const isRoot = () => process.getuid?.() === 0;

/** The Debian packages of `debianBuildPackages` that are not installed; undefined without dpkg. */
function missingDebianPackages(): string[] | undefined {
  const probe = spawnSync('dpkg-query', ['--version'], { encoding: 'utf8' });
  if (probe.error) return undefined;
  return debianBuildPackages.filter((p) => {
    const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return res.status !== 0 || !res.stdout.includes('install ok installed');
  });
}

/** Installs missing prerequisites with `--apt` as root, else fails with the exact command. */
function ensurePrerequisites(apt: boolean): void {
  const missing = missingDebianPackages();
  if (missing === undefined) {
    say('dpkg not found (not Debian/Ubuntu): make sure a C/C++ toolchain, make, python3 and the development files of OpenSSL, Cyrus SASL, libcurl, lz4, zstd and zlib are installed');
    return;
  }
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!apt || !isRoot()) {
    throw new StackPrerequisiteError(
      `the source build of ${confluentPackage} needs these Debian packages, which are missing: ${missing.join(', ')}.\n` +
        `Install them with:\n  ${isRoot() ? command : `sudo sh -c '${command}'`}\n` +
        (isRoot() ? 'or run this command again with --apt to let it do so.' : ''),
    );
  }
  say(`installing ${missing.join(' ')} with apt-get ...`);
  for (const args of [['update'], ['install', '-y', ...missing]]) {
    const res = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (res.status !== 0) throw new StackPrerequisiteError(`apt-get ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
  }
}

/**
 * The Node prefix whose include/node holds Node's C headers, for node-gyp's --nodedir (it would
 * otherwise download the headers, which is not possible offline): /usr for the Debian nodejs
 * package (/usr/include/node), the install prefix for a tarball install. LEB_NODEDIR overrides.
 */
function nodeHeadersPrefix(): string | undefined {
  const candidates = [process.env.LEB_NODEDIR, path.resolve(path.dirname(process.execPath), '..'), '/usr'];
  return candidates.find((d): d is string => d !== undefined && d !== '' && existsSync(path.join(d, 'include', 'node', 'common.gypi')));
}

/** Loads the installed package in a child process (a broken addon must not take this one down); its librdkafka version and features, or the error. */
function probe(dir: string): { ok: true; librdkafka: string; features: string[] } | { ok: false; error: string } {
  const code = `const m = require('module').createRequire(${JSON.stringify(path.join(dir, 'package.json'))})(${JSON.stringify(confluentPackage)});
if (typeof m.KafkaJS?.Kafka !== 'function') throw new Error('no KafkaJS.Kafka export');
console.log(JSON.stringify({ librdkafka: m.librdkafkaVersion, features: m.features }));`;
  const res = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  if (res.status !== 0) return { ok: false, error: (res.stderr || `exit ${res.status ?? res.signal}`).trim().split('\n').slice(0, 6).join('\n') };
  const out = JSON.parse(res.stdout) as { librdkafka: string; features: string[] };
  return { ok: true, ...out };
}

function describe(p: { librdkafka: string; features: string[] }): string {
  const needed = ['ssl', 'sasl_scram'];
  const lacking = needed.filter((f) => !p.features.includes(f));
  return `librdkafka ${p.librdkafka}${lacking.length ? ` (WARNING: built without ${lacking.join(', ')}: TLS/SCRAM logins will not work)` : ''}`;
}

const installerName = 'leb-confluent-client';

/** Empties the install folder, refusing one this script did not create (LEB_CONFLUENT_CLIENT_DIR may point anywhere). */
function clearInstallDir(dir: string): void {
  if (!existsSync(dir)) return;
  const manifest = path.join(dir, 'package.json');
  const ours = existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === installerName;
  if (!ours && readdirSync(dir).length > 0) {
    throw new StackPrerequisiteError(`${dir} is not empty and was not made by this script: choose an empty or new folder in LEB_CONFLUENT_CLIENT_DIR`);
  }
  rmSync(dir, { recursive: true, force: true });
}

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

function install(opts: { apt?: boolean; force?: boolean; verbose?: boolean }): void {
  const dir = confluentClientDir();
  const addon = confluentAddonFile(dir);
  if (!opts.force && existsSync(addon)) {
    const p = probe(dir);
    if (p.ok) {
      say(`${confluentPackage} ${confluentClientVersion} is already built in ${dir} (${describe(p)}); nothing to do (--force rebuilds)`);
      return;
    }
    say(`the existing build in ${dir} does not load, rebuilding:\n${p.error}`);
  }
  ensurePrerequisites(Boolean(opts.apt));
  const nodedir = nodeHeadersPrefix();
  if (!nodedir) say('Node headers (include/node/common.gypi) not found under /usr or the prefix of this node: node-gyp will try to download them (LEB_NODEDIR names a prefix that has them)');

  // A clean folder each time: a half-finished earlier build must not be mistaken for a complete one.
  clearInstallDir(dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: installerName, private: true, description: 'Built by npm run client:confluent for KAFKA_CLIENT=confluent', dependencies: { [confluentPackage]: confluentClientVersion } }, null, 2)}\n`,
  );
  const args = ['install', '--build-from-source', ...(nodedir ? [`--nodedir=${nodedir}`] : []), '--no-audit', '--no-fund'];
  const logFile = path.join(dir, 'install.log');
  say(`building ${confluentPackage} ${confluentClientVersion} from source in ${dir} (1.5 to 5 minutes on 2 cores)`);
  say(`CKJS_LINKING=dynamic npm ${args.join(' ')}${opts.verbose ? '' : `  (output: ${logFile})`}`);
  const t0 = Date.now();
  const fd = opts.verbose ? undefined : openSync(logFile, 'w');
  // CKJS_LINKING=dynamic: librdkafka (bundled source) links against the Debian libraries above.
  // The package's default, a static build, downloads OpenSSL, zlib, zstd and curl sources from
  // their project sites first, which fails where only package registries are reachable.
  const env = { ...process.env, CKJS_LINKING: 'dynamic' };
  const res = spawnSync('npm', args, { cwd: dir, env, stdio: fd === undefined ? 'inherit' : ['ignore', fd, fd] });
  if (fd !== undefined) closeSync(fd);
  const took = Date.now() - t0;
  if (res.status !== 0) {
    const tail = fd === undefined ? '' : `\n--- last lines of ${logFile} ---\n${readFileSync(logFile, 'utf8').trim().split('\n').slice(-30).join('\n')}`;
    throw new StackPrerequisiteError(`npm install failed after ${minutes(took)} (exit ${res.status ?? res.signal})${tail}`);
  }
  const p = probe(dir);
  if (!p.ok) throw new StackPrerequisiteError(`the build finished in ${minutes(took)} but ${confluentPackage} does not load:\n${p.error}`);
  say(`built in ${minutes(took)}: ${describe(p)}. Select it with KAFKA_CLIENT=confluent.`);
}

const program = new Command('client:confluent')
  .description(`build ${confluentPackage} ${confluentClientVersion} from source for KAFKA_CLIENT=confluent`)
  .option('--apt', 'install missing Debian build packages with apt-get (as root)')
  .option('--force', 'rebuild even when a working build is there')
  .option('--verbose', 'show the compiler output instead of writing it to install.log')
  .action((opts: { apt?: boolean; force?: boolean; verbose?: boolean }) => install(opts));

try {
  program.parse();
} catch (err) {
  say(err instanceof StackPrerequisiteError ? err.message : String((err as Error).stack ?? err));
  process.exitCode = 1;
}
