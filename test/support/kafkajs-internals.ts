/**
 * kafkajs 2.2.4's protocol internals that the patch tests (test/platform/kafka/kafkajs-*-patch)
 * reach into: record and batch encoders and decoders, its Decoder, Long and CRC-32C, typed as
 * far as those tests use them. They are not part of kafkajs's public API, which is why the
 * patch is pinned to 2.2.4.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** kafkajs's protocol Decoder, the methods the tests call. */
export type KDecoder = {
  offset: number;
  buffer: Buffer;
  readInt8(): number;
  readInt16(): number;
  readInt32(): number;
  readInt64(): { toString(): string };
  readVarInt(): number;
  readVarLong(): unknown;
  readVarIntBytes(): Buffer | null;
  readVarIntString(): string | null;
  readArray<T>(f: (d: KDecoder) => T): T[];
  readAll(): Buffer;
};

/** kafkajs's BigInt-backed Long. */
export type KLong = { add(x: unknown): KLong; toString(): string };

/** A record as kafkajs's batch decoder yields it (the fields the tests read). */
export type DecodedRecord = { key: Buffer | null; value: Buffer; headers: Record<string, Buffer> };

export const Decoder = require('kafkajs/src/protocol/decoder.js') as new (b: Buffer | null) => KDecoder;
export const Long = require('kafkajs/src/utils/long.js') as { fromValue(v: unknown): KLong; fromInt(n: number): KLong };
export const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as { RecordBatch: (o: Record<string, unknown>) => Promise<{ buffer: Buffer }> };
export const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (o: Record<string, unknown>) => unknown;
export const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (d: KDecoder) => Promise<{ records: DecodedRecord[] }>;
export const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C.js') as (b: Buffer) => number;
export const { Types: Compression, lookupCodecByAttributes } = require('kafkajs/src/protocol/message/compression/index.js') as {
  Types: { None: number; GZIP: number };
  lookupCodecByAttributes(a: number): { decompress(b: Buffer): Promise<Buffer> } | undefined;
};

/** The installed file of a kafkajs module, e.g. `kafkajs/src/protocol/encoder.js`, to read. */
export const kafkajsFile = (module: string): string => require.resolve(module);
