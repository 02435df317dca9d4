import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors/backbone-error.ts';

/**
 * A secret setting from the environment: `<NAME>_FILE` (a path, as Docker and Kubernetes
 * secrets mount them; trailing newline trimmed) wins over `<NAME>` itself. An unreadable file
 * fails naming the variable and the path, never the content. Returns undefined when neither
 * is set, so the caller's validation reports the missing setting.
 */
export function secretSetting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const file = env[`${name}_FILE`]?.trim();
  return file ? settingFile(file, `${name}_FILE`) : env[name];
}

/**
 * The content of a file a setting names (trailing newline trimmed); an unreadable file fails
 * naming the variable and the path, never the content.
 */
export function settingFile(file: string, envName: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new ConfigError(`invalid configuration:\n  ${envName}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { path: envName, issues: [] });
  }
}
