const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2 (Utils.murmur2) over bytes, in 32-bit integer arithmetic. */
function murmur2(data: Uint8Array, length: number): number {
  let h = SEED ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & ~3;
  switch (length & 3) {
    case 3:
      h ^= data[tail + 2]! << 16;
    // falls through
    case 2:
      h ^= data[tail + 1]! << 8;
    // falls through
    case 1:
      h ^= data[tail]!;
      h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h;
}

// Reused for ASCII keys (shipment ids): one partition choice per record must not allocate.
let scratch = new Uint8Array(64);

/**
 * The partition Kafka's Java producer picks for a key: toPositive(murmur2(keyBytes)) % count
 * (BuiltInPartitioner.partitionForKey), with the key's UTF-8 bytes as Java's StringSerializer
 * writes them, so Java and TypeScript producers put a shipment on the same partition.
 * (kafkajs's DefaultPartitioner computes the same with a 64-bit Long emulation and a Buffer
 * per key, about 10× slower; the test checks against Kafka's own Java client.)
 */
export function murmur2Partition(key: Buffer | string, partitionCount: number): number {
  if (!Number.isInteger(partitionCount) || partitionCount < 1) throw new RangeError(`partition count must be >= 1, got ${partitionCount}`);
  let bytes: Uint8Array | undefined;
  let length: number;
  if (typeof key === 'string') {
    length = key.length;
    if (scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
    for (let i = 0; i < length; i++) {
      const c = key.charCodeAt(i);
      if (c > 0x7f) {
        bytes = Buffer.from(key, 'utf8');
        length = bytes.length;
        break;
      }
      scratch[i] = c;
    }
    bytes ??= scratch;
  } else {
    bytes = key;
    length = key.length;
  }
  return (murmur2(bytes, length) & 0x7fffffff) % partitionCount;
}
