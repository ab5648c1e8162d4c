/**
 * The producer index's rankKey (productionRankKey in cypher/producers.cypher), computed in TypeScript
 * for rows that never pass through Cypher: the offline import's CSV. One string whose order is the
 * order of the tuple [status rank, no-capacity flag, −capacity, producer id, product id, relation key].
 * test/producer-index.int.test.ts checks that both give the same key on awkward capacities.
 */
export const RANK_KEY_SEPARATOR = '\u0001';
const STATUS_LADDER = ['operating', 'trial', 'under_construction', 'signed', 'planned'] as const;
/** The bits of the largest finite double (0x7FEFFFFFFFFFFFFF): positives are stored as this minus their bits. */
const MAX_FINITE_BITS = 0x7fefffffffffffffn;

/** The status ladder's rank: operating 0 … planned 4, any other status 5 (statusRank in producers.cypher). */
export function statusRank(status: string): number {
  const i = (STATUS_LADDER as readonly string[]).indexOf(status);
  return i < 0 ? 5 : i;
}

/** The IEEE-754 bits of |x| as an unsigned integer: monotone in |x|. */
function magnitudeBits(x: number): bigint {
  BITS.setFloat64(0, Math.abs(x));
  return BITS.getBigUint64(0);
}
// One view reused: the offline import computes a key per production row (millions).
const BITS = new DataView(new ArrayBuffer(8));

const digits19 = (n: bigint) => n.toString().padStart(19, '0');

/** −capacity as 20 characters: 'a' + inverted bits (positive, largest first), 'b' (zero or none), 'c' + bits (negative). */
export function capacityKey(capacity: number | null | undefined): string {
  if (capacity === null || capacity === undefined || capacity === 0) return 'b' + '0'.repeat(19);
  if (!Number.isFinite(capacity)) throw new Error(`rankKey: capacity ${capacity} is not a finite number`);
  return capacity > 0 ? 'a' + digits19(MAX_FINITE_BITS - magnitudeBits(capacity)) : 'c' + digits19(magnitudeBits(capacity));
}

export interface RankedProduction {
  status: string;
  capacity: number | null | undefined;
  producerId: string;
  madeId: string;
  key: string;
}

export function rankKey(p: RankedProduction): string {
  const hasCapacity = p.capacity !== null && p.capacity !== undefined;
  return `${statusRank(p.status)}${hasCapacity ? '0' : '1'}${capacityKey(p.capacity)}` + [p.producerId, p.madeId, p.key].map((s) => RANK_KEY_SEPARATOR + s).join('');
}
