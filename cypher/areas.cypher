// The area index: (:Firm)-[:IN_AREA {placeId, sortKey, placement}]->(:Place), one per current
// (not superseded) LOCATED_IN placement r of a firm f to a place p, times each place a on p's
// WITHIN*0..8 chain (p itself included): placeId = a.id, placement = r.key, sortKey = areaSortKey.
// It is an index, not a fact: no evidence, no origin, never shown by a generic query (the fact
// patterns name their types or exclude it, see docs/model.md). firmsIn pages it by the relationship
// RANGE index (placeId, sortKey) in schema.cypher and counts it as a degree. Every writer of
// LOCATED_IN or WITHIN refreshes the firms it touches in its own transaction (refreshAreaIndex).

// fragment: areaSortKey
// THE encoding of firmsIn's order [f.name, p.name, role (none last), r.key] as one string, the parts
// joined by U+0001 (below every character a name holds), so string order is that tuple's order:
// "ab" < "abc" stays true as "ab\u0001…" < "abc\u0001…". Needs f (firm), r (placement), p (its place).
WITH *, f.name + '\u0001' + p.name + '\u0001' + coalesce(r.role, '\uffff') + '\u0001' + r.key AS sortKey

// name: refreshAreaIndex
// THE rule that writes the index: the given firms' IN_AREA are deleted and made again from their
// current LOCATED_IN placements and the WITHIN tree. Ids that are not firms (projects, gone) are skipped.
UNWIND $firmIds AS id
WITH DISTINCT id
MATCH (f:Entity {id: id}) WHERE f:Firm
CALL (f) {
  MATCH (f)-[x:IN_AREA]->()
  DELETE x
}
CALL (f) {
  MATCH (f)-[r:LOCATED_IN]->(p:Place)
  WHERE coalesce(r.superseded, false) = false
  // include: areaSortKey
  MATCH (p)-[:WITHIN*0..8]->(a:Place)
  WITH DISTINCT f, r, sortKey, a
  CREATE (f)-[:IN_AREA {placeId: a.id, sortKey: sortKey, placement: r.key}]->(a)
}
RETURN count(f) AS refreshed;

// name: areaFirmsUnder
// The firms whose index a change to these places' WITHIN edges (or their removal) touches: firms
// placed anywhere in their subtrees, and firms the index still holds in them.
UNWIND $placeIds AS id
MATCH (p:Entity {id: id}) WHERE p:Place
CALL (p) {
  MATCH (p)<-[:WITHIN*0..8]-(:Place)<-[:LOCATED_IN]-(f:Firm)
  RETURN f
  UNION
  MATCH (p)<-[:IN_AREA]-(f:Firm)
  RETURN f
}
RETURN collect(DISTINCT f.id) AS firmIds;

// name: areaSeedSnapshot
// What the curated seed load may change under the index: the seeded WITHIN edges (key and lower end)
// and the firms placed by seeded or contributed LOCATED_IN (few: the synthetic layer's are not read).
CALL () {
  MATCH (a:Place)-[w:WITHIN]->(:Place) WHERE w.origin = 'seed'
  RETURN collect({key: w.key, from: a.id}) AS within
}
CALL () {
  MATCH (f:Firm)-[r:LOCATED_IN]->(:Place) WHERE r.origin IN ['seed', 'contrib']
  RETURN collect(DISTINCT f.id) AS firmIds
}
RETURN within, firmIds;

// name: areaSeedPruned
// The seeded places the seed files no longer declare (the load is about to prune them).
MATCH (p:Place) WHERE p.origin = 'seed' AND NOT p.id IN $ids
RETURN collect(p.id) AS placeIds;

// name: areaFirmPage
// The next $size firm ids after $after, in id order (a rebuild pages through every firm).
MATCH (f:Entity) WHERE f.id > $after AND f:Firm
WITH f ORDER BY f.id LIMIT toInteger($size)
RETURN collect(f.id) AS ids;
