import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stackPaths, type StackConfig } from './stack-config.ts';

/** `<home>/secrets`, readable by its owner only. */
export function secretsDir(cfg: StackConfig, ...sub: string[]): string {
  const dir = path.join(stackPaths(cfg).secrets, ...sub);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(stackPaths(cfg).secrets, 0o700);
  return dir;
}

/** The file holding a Kafka principal's password: `<home>/secrets/kafka/<principal>.password`. */
export function passwordFile(cfg: StackConfig, principal: string): string {
  return path.join(stackPaths(cfg).secrets, 'kafka', `${principal}.password`);
}

/** Writes a file readable by its owner only (0600). */
export function writeSecret(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * A principal's password, generated (32 random bytes, base64url) into its 0600 file on first
 * use and read from it afterwards. Never printed: tools and services get the file's path.
 */
export function principalPassword(cfg: StackConfig, principal: string): string {
  secretsDir(cfg, 'kafka');
  const file = passwordFile(cfg, principal);
  if (!existsSync(file)) writeSecret(file, `${randomBytes(32).toString('base64url')}\n`);
  return readFileSync(file, 'utf8').trim();
}
