import type { AdminPort, ConsumerPort, KafkaClientFactory, ProducerPort } from './kafka-port.ts';

/** A port whose client is created by the first connect(). */
class Deferred<T extends { connect(): Promise<void>; disconnect(): Promise<void> }> {
  private port: T | undefined;

  constructor(
    private readonly create: () => Promise<T>,
    private readonly what: string,
  ) {}

  async connect(): Promise<T> {
    this.port ??= await this.create();
    await this.port.connect();
    return this.port;
  }

  /** The client; throws before connect(). */
  get(): T {
    if (!this.port) throw new Error(`the ${this.what} is not connected: call connect() first`);
    return this.port;
  }

  get created(): T | undefined {
    return this.port;
  }

  async disconnect(): Promise<void> {
    await this.port?.disconnect();
  }
}

/**
 * A KafkaClientFactory whose real factory is built by an async `load` (e.g. a dynamic import
 * of an optional client library) on the first connect() of any client it hands out, for
 * callers that build factories synchronously (Platform.fromConfig). Until then nothing of the
 * library is loaded; a failed load fails that connect() and is tried again by the next.
 */
export class LazyClientFactory implements KafkaClientFactory {
  private loading: Promise<KafkaClientFactory> | undefined;

  constructor(private readonly load: () => Promise<KafkaClientFactory>) {}

  private factory(): Promise<KafkaClientFactory> {
    this.loading ??= this.load().catch((err: unknown) => {
      this.loading = undefined;
      throw err;
    });
    return this.loading;
  }

  producer(opts: { transactionalId?: string } = {}): ProducerPort {
    const p = new Deferred(async () => (await this.factory()).producer(opts), 'producer');
    return {
      connect: async () => void (await p.connect()),
      send: async (topic, records) => p.get().send(topic, records),
      disconnect: () => p.disconnect(),
    };
  }

  consumer(opts: { groupId: string; sessionTimeoutMs?: number; backgroundCommit?: boolean }): ConsumerPort {
    // Listeners registered before connect() are handed to the client when it is created.
    const early: Array<(port: ConsumerPort) => void> = [];
    const c = new Deferred(async () => {
      const port = (await this.factory()).consumer(opts);
      for (const register of early) register(port);
      return port;
    }, 'consumer');
    const listen = (register: (port: ConsumerPort) => void) => {
      const port = c.created;
      if (port) register(port);
      else early.push(register);
    };
    return {
      connect: async () => void (await c.connect()),
      disconnect: () => c.disconnect(),
      subscribe: async (topics, fromBeginning) => c.get().subscribe(topics, fromBeginning),
      run: async (eachBatch, runOpts) => c.get().run(eachBatch, runOpts),
      pause: (topic, partitions) => c.get().pause(topic, partitions),
      resume: (topic, partitions) => c.get().resume(topic, partitions),
      seek: (topic, partition, offset) => c.get().seek(topic, partition, offset),
      onAssignment: (listener) => listen((port) => port.onAssignment(listener)),
      onFatalCrash: (listener) => listen((port) => port.onFatalCrash(listener)),
    };
  }

  admin(): AdminPort {
    const a = new Deferred(async () => (await this.factory()).admin(), 'admin client');
    const get = () => a.get();
    return {
      connect: async () => void (await a.connect()),
      disconnect: () => a.disconnect(),
      listTopics: async () => get().listTopics(),
      partitionCounts: async (topics) => get().partitionCounts(topics),
      createTopics: async (specs) => get().createTopics(specs),
      setTopicConfigs: async (topic, configs) => get().setTopicConfigs(topic, configs),
      endOffsets: async (topic) => get().endOffsets(topic),
      startOffsets: async (topic) => get().startOffsets(topic),
      groupOffsets: async (groupId, topic) => get().groupOffsets(groupId, topic),
      offsetsForTimestamp: async (topic, timestamp) => get().offsetsForTimestamp(topic, timestamp),
      listGroups: async () => get().listGroups(),
      describeGroup: async (groupId) => get().describeGroup(groupId),
      setGroupOffsets: async (groupId, topic, offsets) => get().setGroupOffsets(groupId, topic, offsets),
      topicConfigs: async (topic, names) => get().topicConfigs(topic, names),
      brokerCount: async () => get().brokerCount(),
      createAcls: async (bindings) => get().createAcls(bindings),
    };
  }
}
