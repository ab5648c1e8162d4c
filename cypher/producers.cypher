// The producer index: (producer)-[:PRODUCER_RANK {stepId, rankKey, production, status, placeId}]->(step:Product),
// one per current (not superseded) PRODUCES r from a producer to a product `made`, times each product
// `step` on made's KIND_OF*0..3 chain (made itself included): stepId = step.id, production = r's key,
// status = the production's status (productionStatus), rankKey = productionRankKey, placeId = the
// production's place (productionPlace in chains.cypher; '' when it has none). It is an index, not a
// fact: no evidence, no origin, never shown by a generic query (FACT_TYPES, docs/model.md).
// chainProducers and supplyChain page it by the relationship RANGE index (stepId, rankKey) in
// schema.cypher and count it as a degree; chainGaps' candidates seek (stepId, placeId, rankKey).
// Every writer of PRODUCES, KIND_OF, LOCATED_IN, a Project's status or `superseded` refreshes the
// producers it touches in its own transaction (refreshProducerRanks); a place that goes refreshes
// the producers placed there (producersAtPlaces).

// fragment: productionStatus
// `producer`, `r` (PRODUCES) → `status`: the fact's own status, else a project's (planned when it has
// none), else operating — the rule of productionStatus() in src/services/rows.ts.
WITH *, coalesce(r.status, CASE WHEN producer:Project THEN coalesce(producer.status, 'planned') ELSE 'operating' END) AS status

// fragment: statusRank
// `status` → `statusRank`: the ladder operating 0, trial 1, under_construction 2, signed 3, planned 4, any other 5.
WITH *, CASE status WHEN 'operating' THEN 0 WHEN 'trial' THEN 1 WHEN 'under_construction' THEN 2 WHEN 'signed' THEN 3 WHEN 'planned' THEN 4 ELSE 5 END AS statusRank

// fragment: productionRankKey
// `producer`, `r`, `made`, `status` → `rankKey`: THE encoding of the producers' ranking tuple
// [status rank, no-capacity flag, −capacity, producer id, product id, relation key] as one string
// whose order is the tuple's order. Status rank and flag: one digit each. −capacity: 'a' + 19 digits
// for a positive capacity (the largest first), 'b' + 19 zeros for zero or none, 'c' + 19 digits for a
// negative one; the digits are the IEEE-754 bits of |capacity| as an integer (monotone in the value
// for non-negative doubles: exact, whatever the decimals or the size), subtracted from the largest
// finite double's bits for positives so that larger sorts first. The exponent and mantissa are found
// with exact arithmetic only (2.0^e is exact, so are m / 2^e and (m − 1) · 2^52). The ids follow,
// joined by U+0001 (below every character an id holds: "ab" before "abc" stays true). The TS twin
// (src/producers/rank-key.ts) writes the offline import's rows; a test checks both against each other.
// include: statusRank
WITH *, toFloat(r.capacity) AS rkCapacity
WITH *, CASE WHEN rkCapacity IS NULL OR rkCapacity = 0.0 THEN null ELSE abs(rkCapacity) END AS rkMagnitude
WITH *, CASE WHEN rkMagnitude IS NULL OR rkMagnitude < 2.2250738585072014E-308 THEN null ELSE toInteger(floor(log(rkMagnitude) / log(2.0))) END AS rkGuess
// log() is approximate: the guess is corrected to the exact exponent e, 2^e ≤ |capacity| < 2^(e+1).
WITH *, rkGuess - CASE WHEN rkGuess IS NOT NULL AND 2.0 ^ rkGuess > rkMagnitude THEN 1 ELSE 0 END + CASE WHEN rkGuess IS NOT NULL AND 2.0 ^ (rkGuess + 1) <= rkMagnitude THEN 1 ELSE 0 END AS rkExponent
WITH *, CASE
  WHEN rkMagnitude IS NULL THEN 0
  // Subnormal: exponent bits 0, the mantissa is the value in units of the smallest double.
  WHEN rkExponent IS NULL THEN toInteger(rkMagnitude / 4.9E-324)
  ELSE (rkExponent + 1023) * 4503599627370496 + toInteger((rkMagnitude / 2.0 ^ rkExponent - 1.0) * 4503599627370496.0)
END AS rkBits
WITH *, toString(statusRank) + CASE WHEN r.capacity IS NULL THEN '1' ELSE '0' END +
  CASE WHEN rkMagnitude IS NULL THEN 'b' + '0000000000000000000'
       WHEN rkCapacity > 0 THEN 'a' + right('0000000000000000000' + toString(9218868437227405311 - rkBits), 19)
       ELSE 'c' + right('0000000000000000000' + toString(rkBits), 19) END +
  '\u0001' + producer.id + '\u0001' + made.id + '\u0001' + coalesce(r.key, elementId(r)) AS rankKey

// fragment: statusRanges
// `step`, $statuses → one row per range of the step's index rows to read, `low` < rankKey < `high`:
// all of them ($statuses null), or one per status rank asked (the key starts with it), so a filtered
// page is index seeks too. `checked`: rank 5 holds every status off the ladder, so its rows' own
// status is tested as well.
UNWIND CASE WHEN $statuses IS NULL THEN [null] ELSE $statuses END AS status
// include: statusRank
WITH DISTINCT step, CASE WHEN status IS NULL THEN null ELSE statusRank END AS statusRank
WITH step, CASE WHEN statusRank IS NULL THEN '' ELSE toString(statusRank) END AS low,
     CASE WHEN statusRank IS NULL THEN ':' ELSE toString(statusRank + 1) END AS high,
     coalesce(statusRank = 5, false) AS checked

// fragment: rankedPage
// `step` → its next page of productions (`producer`, `r`, `made`, `status`, `sortKey`, `placeId`) read from the
// producer index in index order: per range (statusRanges) an index seek on (stepId, rankKey) after
// the cursor $after (a rankKey), first + 1 entries at most; the ranges' rows merged, first + 1 kept.
// Ordered by both index keys (stepId is fixed): the planner then takes the index order, no Sort.
CALL (step) {
  // include: statusRanges
  WITH step, checked, high, CASE WHEN $after IS NOT NULL AND $after > low THEN $after ELSE low END AS low
  CALL (step, low, high, checked) {
    MATCH (producer)-[x:PRODUCER_RANK]->()
    WHERE x.stepId = step.id AND x.rankKey > low AND x.rankKey < high AND (NOT checked OR x.status IN $statuses)
    WITH producer, x ORDER BY x.stepId, x.rankKey LIMIT toInteger($first) + 1
    RETURN producer, x
  }
  WITH producer, x ORDER BY x.rankKey LIMIT toInteger($first) + 1
  // The production itself, among the producer's few PRODUCES, by its key.
  MATCH (producer)-[r:PRODUCES]->(made:Product) WHERE coalesce(r.key, elementId(r)) = x.production
  RETURN producer, r, made, x.status AS status, [0, x.rankKey] AS sortKey, x.placeId AS placeId
}

// name: refreshProducerRanks
// THE rule that writes the index: the given producers' PRODUCER_RANK rows are deleted and made again
// from their current PRODUCES, their places and the KIND_OF tree. Ids that are gone are skipped.
UNWIND $producerIds AS id
WITH DISTINCT id
MATCH (producer:Entity {id: id})
CALL (producer) {
  MATCH (producer)-[x:PRODUCER_RANK]->()
  DELETE x
}
CALL (producer) {
  MATCH (producer)-[r:PRODUCES]->(made:Product)
  WHERE coalesce(r.superseded, false) = false
  // include: productionStatus
  // include: productionRankKey
  // productionPlace passes `sortKey` through: the rank key rides in it.
  WITH producer, r, made, status, rankKey AS sortKey
  // include: productionPlace
  MATCH (made)-[:KIND_OF*0..3]->(step:Product)
  WITH DISTINCT producer, r, status, sortKey AS rankKey, coalesce(place.id, '') AS placeId, step
  CREATE (producer)-[:PRODUCER_RANK {stepId: step.id, rankKey: rankKey, production: coalesce(r.key, elementId(r)), status: status, placeId: placeId}]->(step)
}
RETURN count(producer) AS refreshed;

// name: producersOfProducts
// The producers whose index a change to these products' KIND_OF edges (or their removal) touches:
// producers of the product or of a kind of it (KIND_OF*0..3), and producers the index holds at it.
UNWIND $productIds AS id
MATCH (p:Entity {id: id}) WHERE p:Product
CALL (p) {
  MATCH (p)<-[:KIND_OF*0..3]-(:Product)<-[:PRODUCES]-(producer:Entity)
  RETURN producer
  UNION
  MATCH (p)<-[:PRODUCER_RANK]-(producer)
  RETURN producer
}
RETURN collect(DISTINCT producer.id) AS producerIds;

// name: rankSeedSnapshot
// What the curated seed load may change under the index: the seeded KIND_OF edges (key and lower
// end) and the producers of seeded or contributed PRODUCES (few: the synthetic layer's are not read).
CALL () {
  MATCH (a:Product)-[k:KIND_OF]->(:Product) WHERE k.origin = 'seed'
  RETURN collect({key: k.key, from: a.id}) AS kindOf
}
CALL () {
  MATCH (producer:Entity)-[r:PRODUCES]->(:Product) WHERE r.origin IN ['seed', 'contrib']
  RETURN collect(DISTINCT producer.id) AS producerIds
}
RETURN kindOf, producerIds;

// name: rankSeedPruned
// The seeded products the seed files no longer declare (the load is about to prune them).
MATCH (p:Product) WHERE p.origin = 'seed' AND NOT p.id IN $ids
RETURN collect(p.id) AS productIds;

// name: rankProducerPage
// The next $size producer ids after $after, in id order (a rebuild pages through every producer).
MATCH (p:Entity) WHERE p.id > $after AND EXISTS { (p)-[:PRODUCES]->() }
WITH p ORDER BY p.id LIMIT toInteger($size)
RETURN collect(p.id) AS ids;

// name: rankIndexState
// Whether the index needs building: PRODUCES and PRODUCER_RANK counts (count-store reads, no scan), and
// whether its rows are known to carry placeId (`placed`: the IndexState marker producerIndexPlaced
// writes; a store written before the rows carried the place has rows and no marker).
CALL () { MATCH ()-[r:PRODUCES]->() RETURN count(r) AS produces }
CALL () { MATCH ()-[x:PRODUCER_RANK]->() RETURN count(x) AS ranks }
RETURN produces, ranks, EXISTS { MATCH (s:IndexState {id: 'producer-rank'}) WHERE s.placed = true } AS placed;

// name: producerIndexPlaced
// Marks the store's producer index as written with placeId on every row: after a (re)build, on a store
// with no row yet (every writer from now on writes placeId), and after an offline import (its rows do).
MERGE (s:IndexState {id: 'producer-rank'})
SET s.placed = true
RETURN s.placed AS placed;

// name: producersAtPlaces
// The producers whose production place may be one of these places (about to go): those placed there
// (LOCATED_IN) and those whose productions state one as their site (PRODUCES.at, indexed).
UNWIND $placeIds AS placeId
CALL (placeId) {
  MATCH (:Entity {id: placeId})<-[:LOCATED_IN]-(producer:Entity)
  RETURN producer
  UNION
  MATCH (producer:Entity)-[r:PRODUCES]->() WHERE r.at = placeId
  RETURN producer
}
RETURN collect(DISTINCT producer.id) AS producerIds;
