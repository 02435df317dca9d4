import { spawnSync } from 'node:child_process';
import net from 'node:net';

/** A problem with the machine that the user must fix; the message says how. */
export class StackPrerequisiteError extends Error {
  override name = 'StackPrerequisiteError';
}

/** Fails with an actionable message unless `java` (17 or newer) is on the PATH or in JAVA_HOME. */
export function javaBinary(): string {
  const candidates = [process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : undefined, 'java'].filter(
    (c): c is string => Boolean(c),
  );
  for (const bin of candidates) {
    const out = spawnSync(bin, ['-version'], { encoding: 'utf8' });
    if (out.error) continue;
    const text = `${out.stderr}${out.stdout}`;
    const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
    const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0;
    if (major >= 17) return bin;
    throw new StackPrerequisiteError(
      `Java 17 or newer is required to run the local Kafka and schema registry, but "${bin} -version" reports: ${text.split('\n')[0]}. ` +
        'Install one (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or point JAVA_HOME at it.',
    );
  }
  throw new StackPrerequisiteError(
    'Java was not found. The local stack runs Apache Kafka and Apicurio Registry on the JVM: install Java 17+ ' +
      '(Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set JAVA_HOME. With Docker, use docker-compose.yml instead.',
  );
}

/** Fails with an actionable message unless Maven is available (needed once, to fetch Kafka's jars). */
export function mavenBinary(): string {
  const out = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) {
    throw new StackPrerequisiteError(
      'Maven (mvn) was not found. It is needed once to fetch Apache Kafka from Maven Central: ' +
        'install it (Debian/Ubuntu: apt-get install maven) and run the command again.',
    );
  }
  return 'mvn';
}

/**
 * True when 127.0.0.1:port cannot be listened on (something holds it). A bind test, not a
 * connect: a connect can succeed without any listener (a TCP self-connect on an ephemeral port).
 */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/** Fails naming the port, its purpose and the variable that moves it, when the port is taken. */
export async function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  if (await portInUse(port)) {
    throw new StackPrerequisiteError(
      `Port ${port} (${what}) is already in use by another process. Stop that process ` +
        `(find it with: ss -ltnp 'sport = :${port}') or choose another port with ${envVar}=<port>.`,
    );
  }
}
