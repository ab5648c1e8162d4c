// The floor of each benchmarked root field: the fastest hand-written Cypher we know for the same
// answer (the fields the benchmark's operation asks for), in one round trip, with the entity ids
// already known (the API must also resolve the typed names, so the floor is the stricter one).
// Only the benchmark reads this file.

// name: lookup
MATCH (n:Entity) WHERE $key IN n.primaryKeys
RETURN n.id AS id, n.name AS name;

// name: search
CALL () {
  MATCH (n:Entity) WHERE $key IN n.primaryKeys RETURN n, 100.0 AS score
  UNION
  MATCH (n:Entity) WHERE any(k IN n.searchKeys WHERE k CONTAINS $key)
  RETURN n, CASE WHEN $key IN n.searchKeys THEN 90.0 WHEN any(k IN n.searchKeys WHERE k STARTS WITH $key) THEN 60.0 ELSE 40.0 END AS score
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', $key, {limit: 200}) YIELD node, score
  RETURN node AS n, score
}
WITH n, max(score) AS score ORDER BY score DESC, size(n.name), n.id
WITH collect({id: n.id, name: n.name}) AS ranked
RETURN size(ranked) AS total, ranked[0..$first] AS page;

// name: firmsIn
MATCH (t:Entity {id: $placeId})
CALL (t) { MATCH (sub:Place)-[:WITHIN*0..8]->(t) RETURN DISTINCT sub }
MATCH (f:Firm)-[r:LOCATED_IN]->(sub)
WITH f, sub, r ORDER BY f.name, sub.name, r.role
WITH collect(f) AS firms
UNWIND firms[0..$first] AS f
RETURN size(firms) AS total, f.name AS name,
  [(f)-[:LOCATED_IN]->(p:Place) | {name: p.name, ancestors: [(p)-[:WITHIN*1..8]->(a:Place) | a.name]}] AS placements;

// name: supplyChain
// Every step's first 20 producers ranked as the API ranks them (docs/queries.md, "Paged producers of a
// chain step": the status ladder, capacity largest first and none last, producer id, product id,
// relation key), with their place (as chainGaps below places a production) and sources. Ids through the Entity id index (a label alone has none
// on id), as the API's statements do. (Until 2026-11-27 the producers came unranked and unpaged.)
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId}) WHERE a:Product AND b:Product
CALL (a) { MATCH (a)-[:INPUT_TO*0..12]->(s:Product) RETURN DISTINCT s }
WITH b, s WHERE EXISTS { (s)-[:INPUT_TO*0..12]->(b) }
RETURN s.name AS product, COLLECT {
  MATCH (p:Entity)-[r:PRODUCES]->(made:Product)-[:KIND_OF*0..3]->(s) WHERE coalesce(r.superseded, false) = false
  WITH p, r, made, coalesce(r.status, CASE WHEN p:Project THEN coalesce(p.status, 'planned') ELSE 'operating' END) AS status
  ORDER BY CASE status WHEN 'operating' THEN 0 WHEN 'trial' THEN 1 WHEN 'under_construction' THEN 2 WHEN 'signed' THEN 3 WHEN 'planned' THEN 4 ELSE 5 END,
    r.capacity IS NULL, r.capacity DESC, p.id, made.id, r.key
  LIMIT 20
  OPTIONAL MATCH (at:Entity {id: r.at}) WHERE at:Place
  RETURN {producer: p.name, place: coalesce(at.name, CASE WHEN p:Place THEN p.name END, CASE WHEN r.siteNotStated THEN null ELSE
            head(COLLECT { MATCH (p)-[l:LOCATED_IN]->(pl:Place) RETURN pl.name ORDER BY CASE WHEN l.role IN ['production_base', 'plant', 'site'] THEN 0 ELSE 1 END, pl.id }) END),
          sources: [i IN range(0, size(r.evQuotes) - 1) | {quote: r.evQuotes[i], title: COLLECT { MATCH (d:Document {id: r.evDocs[i]}) RETURN d.title }}]}
} AS producers;

// name: chainGaps
// Every step with no operating production placed in the place's subtree — a step nobody makes
// included — and its first 20 candidates elsewhere ranked as the API ranks them: tree distance from
// the place (hops up to the nearest common ancestor and down; no place, or none shared, 1000), then the
// producers' ranking above. A production's place: the stated site, the producer itself when a place,
// else (unless the text says its site is not stated) its production base or first placement. (Until 2026-11-27 this floor left out the steps nobody
// makes and did not rank the candidates: another answer.)
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId}), (home:Entity {id: $placeId}) WHERE a:Product AND b:Product AND home:Place
CALL (home) { MATCH (sub:Place)-[:WITHIN*0..8]->(home) RETURN collect(DISTINCT sub) AS subs }
CALL (home) { MATCH q = (home)-[:WITHIN*0..8]->(anc:Place) RETURN collect({anc: anc, d: length(q)}) AS near }
CALL (a) { MATCH (a)-[:INPUT_TO*0..12]->(s:Product) RETURN DISTINCT s }
WITH b, s, subs, near WHERE EXISTS { (s)-[:INPUT_TO*0..12]->(b) }
WITH s, subs, near, COLLECT {
  MATCH (p:Entity)-[r:PRODUCES]->(made:Product)-[:KIND_OF*0..3]->(s) WHERE coalesce(r.superseded, false) = false
  OPTIONAL MATCH (at:Entity {id: r.at}) WHERE at:Place
  RETURN {p: p, r: r, made: made,
          status: coalesce(r.status, CASE WHEN p:Project THEN coalesce(p.status, 'planned') ELSE 'operating' END),
          place: coalesce(at, CASE WHEN p:Place THEN p END, CASE WHEN r.siteNotStated THEN null ELSE
            head(COLLECT { MATCH (p)-[l:LOCATED_IN]->(pl:Place) RETURN pl ORDER BY CASE WHEN l.role IN ['production_base', 'plant', 'site'] THEN 0 ELSE 1 END, pl.id }) END)}
} AS prods
WHERE NOT any(x IN prods WHERE x.place IS NOT NULL AND x.place IN subs AND x.status = 'operating')
RETURN s.name AS product, COLLECT {
  UNWIND prods AS x
  WITH x, x.place AS pl WHERE pl IS NULL OR NOT pl IN subs
  CALL (pl, near) {
    OPTIONAL MATCH q = (pl)-[:WITHIN*0..8]->(anc:Place)
    WITH length(q) AS up, anc
    UNWIND near AS n
    WITH up + n.d AS total WHERE n.anc = anc
    RETURN coalesce(min(total), 1000) AS distance
  }
  WITH x, pl, distance ORDER BY distance,
    CASE x.status WHEN 'operating' THEN 0 WHEN 'trial' THEN 1 WHEN 'under_construction' THEN 2 WHEN 'signed' THEN 3 WHEN 'planned' THEN 4 ELSE 5 END,
    x.r.capacity IS NULL, x.r.capacity DESC, x.p.id, x.made.id, x.r.key
  LIMIT 20
  RETURN {producer: x.p.name, place: pl.name}
} AS candidates;

// name: path
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
MATCH p = allShortestPaths((a)-[:FACT_TYPES*..5]-(b))
RETURN length(p) AS length, [n IN nodes(p) | n.name] AS nodes, [r IN relationships(p) | {type: type(r), quotes: r.evQuotes}] AS edges;

// name: policies
MATCH (t:Entity {id: $id})
CALL (t) {
  RETURN t AS via, false AS inherited
  UNION
  MATCH (t)-[:WITHIN*1..8]->(a:Place) RETURN a AS via, true AS inherited
  UNION
  MATCH (t)-[:LOCATED_IN]->(:Place)-[:WITHIN*0..8]->(a:Place) RETURN a AS via, true AS inherited
  UNION
  MATCH (t)-[:DEVELOPS|IN_INDUSTRY]->(i:Industry) RETURN i AS via, true AS inherited
  UNION
  MATCH (t)-[:SERVES_BASE]->(b:IndustrialBase) RETURN b AS via, true AS inherited
}
MATCH (pol:Policy)-[:CONCERNS]->(via)
// The API's order (until 2026-11-27 the floor's rows came unordered: another answer).
RETURN pol.name AS policy, via.name AS via, inherited ORDER BY inherited, policy, via;

// name: neighbourhood
MATCH (c:Entity {id: $id})
CALL (c) {
  RETURN c AS m, 0 AS d
  UNION
  MATCH (c)-[:FACT_TYPES]-(m:Entity) RETURN m, 1 AS d
  UNION
  MATCH (c)-[:FACT_TYPES]-(:Entity)-[:FACT_TYPES]-(m:Entity) RETURN m, 2 AS d
}
WITH m, min(d) AS d ORDER BY d, m.id
WITH collect(m) AS ring
WITH size(ring) AS total, ring[0..$limit] AS kept
RETURN total, [m IN kept | m.id] AS nodes,
  COLLECT { UNWIND kept AS a MATCH (a)-[r:FACT_TYPES]->(b:Entity) WHERE b IN kept RETURN type(r) } AS edges;

// name: documents
MATCH (d:Document) RETURN d.id AS id ORDER BY d.id;
