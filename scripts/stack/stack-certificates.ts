import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StackPrerequisiteError } from './prerequisites.ts';
import { secretsDir, writeSecret } from './stack-secrets.ts';
import type { StackConfig } from './stack-config.ts';

/** Where the stack's TLS material lives (`<home>/secrets/tls`). */
export interface StackCertificates {
  /** The local CA's certificate (PEM): what clients trust (KAFKA_SSL_CA_FILE). */
  caFile: string;
  /** The brokers' PKCS#12 keystore (key + certificate for 127.0.0.1 / localhost, signed by the CA). */
  keystoreFile: string;
  /** The keystore's password. */
  keystorePassword: string;
}

function openssl(args: string[], cwd: string): void {
  const res = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (res.error) throw new StackPrerequisiteError('openssl was not found; the secured stack (LEB_KAFKA_SECURITY=sasl_ssl) needs it to create its certificates (Debian/Ubuntu: apt-get install openssl)');
  if (res.status !== 0) throw new StackPrerequisiteError(`openssl ${args[0]} failed: ${res.stderr}`);
}

/**
 * Creates, once, a local CA and a broker certificate it signs (subject alternative names
 * IP:127.0.0.1 and DNS:localhost, so clients verify the host name), packed into a PKCS#12
 * keystore for the brokers. Cached under `<home>/secrets/tls` (keys 0600) and kept by `reset`;
 * delete the folder to get new ones.
 */
export function ensureStackCertificates(cfg: StackConfig): StackCertificates {
  const dir = secretsDir(cfg, 'tls');
  const caFile = path.join(dir, 'ca.pem');
  const keystoreFile = path.join(dir, 'broker.p12');
  const passwordFile = path.join(dir, 'keystore.password');
  if (!existsSync(keystoreFile) || !existsSync(caFile) || !existsSync(passwordFile)) {
    writeSecret(passwordFile, randomBytes(24).toString('base64url'));
    const days = '825';
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', days, '-subj', '/CN=Logistics Event Backbone local stack CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'broker.key', '-out', 'broker.csr', '-subj', '/CN=localhost'], dir);
    writeFileSync(path.join(dir, 'broker.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
    openssl(['x509', '-req', '-in', 'broker.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'broker.pem', '-days', days, '-extfile', 'broker.ext'], dir);
    openssl(['pkcs12', '-export', '-in', 'broker.pem', '-inkey', 'broker.key', '-certfile', 'ca.pem', '-name', 'broker', '-out', 'broker.p12', '-passout', `file:${passwordFile}`], dir);
    for (const f of ['broker.csr', 'broker.ext']) rmSync(path.join(dir, f), { force: true });
    for (const f of ['ca.key', 'broker.key', 'broker.p12']) chmodSync(path.join(dir, f), 0o600);
  }
  return { caFile, keystoreFile, keystorePassword: readFileSync(passwordFile, 'utf8').trim() };
}
