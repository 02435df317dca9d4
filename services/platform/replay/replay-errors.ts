import { BackboneError } from '../errors/backbone-error.ts';

/** An operator's request to the replay tooling is wrong: bad arguments, unknown names. Never retriable. */
export class ReplayRequestError extends BackboneError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, { retriable: false, details });
  }
}

/** A command-line or API argument is invalid; `details.argument` names it (e.g. "--to-datetime"). */
export class BadArgumentError extends ReplayRequestError {
  constructor(argument: string, message: string) {
    super('BAD_ARGUMENT', `${argument}: ${message}`, { argument });
  }
}

/** The consumer group does not exist on the cluster. */
export class UnknownGroupError extends ReplayRequestError {
  constructor(groupId: string) {
    super('UNKNOWN_GROUP', `consumer group "${groupId}" does not exist on this cluster`, { groupId });
  }
}

/** The topic does not exist on the cluster. */
export class UnknownTopicError extends ReplayRequestError {
  constructor(topic: string) {
    super('UNKNOWN_TOPIC', `topic "${topic}" does not exist on this cluster`, { topic });
  }
}

/** No consumer definition has this name. */
export class UnknownConsumerError extends ReplayRequestError {
  constructor(name: string, known: string[]) {
    super('UNKNOWN_CONSUMER', `no consumer named "${name}"; known: ${known.join(', ')}`, { consumer: name, known });
  }
}

/** A requested time lies outside what the topic still holds (retention) or in the future. */
export class OutsideRetentionError extends ReplayRequestError {
  constructor(message: string, details: Record<string, unknown>) {
    super('OUTSIDE_RETENTION', message, details);
  }
}

/** The group has active members: its offsets cannot be changed under them. */
export class GroupActiveError extends ReplayRequestError {
  constructor(groupId: string, members: Array<{ clientId: string; clientHost: string }>) {
    const who = members.map((m) => `${m.clientId}@${m.clientHost}`).join(', ');
    super('GROUP_ACTIVE', `consumer group "${groupId}" has ${members.length} active member(s) (${who}): stop them before rewinding`, { groupId, members });
  }
}

/** A replay run id is taken by a run with other settings, or the run was cancelled or completed. */
export class ReplayRunConflictError extends ReplayRequestError {
  constructor(runId: string, message: string) {
    super('RUN_CONFLICT', `replay run ${runId}: ${message}`, { runId });
  }
}
