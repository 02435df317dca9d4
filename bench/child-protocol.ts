/**
 * How the bench's child processes (producer-child.ts, codec-child.ts) answer their parent: one
 * stdout line per message, `@@bench <json>`; any other line a child prints is not a message.
 */
const PREFIX = '@@bench ';

/** Writes one message to the parent; resolves once it is flushed (before an exit). */
export function replyToParent(msg: unknown): Promise<void> {
  return new Promise<void>((resolve) => process.stdout.write(`${PREFIX}${JSON.stringify(msg)}\n`, () => resolve()));
}

/** The message on a line of a child's stdout, or undefined when the line is not one. */
export function parseChildLine(line: string): Record<string, unknown> | undefined {
  return line.startsWith(PREFIX) ? (JSON.parse(line.slice(PREFIX.length)) as Record<string, unknown>) : undefined;
}
