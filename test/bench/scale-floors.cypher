// Floors of the scale benchmark: the fastest hand-written Cypher we know for each question's answer,
// given the same names the API is given. Several variants of one floor: the fastest in the run counts.

// name: lookup
MATCH (n:Entity {name: $name})
RETURN n.id AS id, n.name AS name;

// name: search
// The API's answer, by its rule (docs/queries.md, "search: the ranking rule"): exact name keys (100 a
// primary, 90 another), keys starting with the text (60) and containing it (40), each way at most
// $bound keys in index order, and the full-text index's best 200 with Lucene's score; a hit's best
// score, then the shorter name, then the id. Only entities that can reach the page are read (those
// scoring at least the first+1-th best score). (Until 2026-11-27 this floor was the full-text query
// alone: another answer — 1 hit where the API ranks 10 — so not a floor.)
CALL () {
  MATCH (k:NameKey {key: $key}) RETURN k.entityId AS id, CASE WHEN k.primary THEN 100.0 ELSE 90.0 END AS score
  UNION ALL
  MATCH (k:NameKey) WHERE size($key) > 0 AND k.key STARTS WITH $key WITH k LIMIT toInteger($bound) RETURN k.entityId AS id, 60.0 AS score
  UNION ALL
  MATCH (k:NameKey) WHERE size($key) > 0 AND k.key CONTAINS $key WITH k LIMIT toInteger($bound) RETURN k.entityId AS id, 40.0 AS score
  UNION ALL
  WITH 1 AS one WHERE $lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: 200}) YIELD node, score RETURN node.id AS id, score
}
WITH id, max(score) AS score ORDER BY score DESC
WITH collect({id: id, score: score}) AS scored
WITH scored, scored[toInteger($first)].score AS cut
UNWIND [c IN scored WHERE cut IS NULL OR c.score >= cut] AS c
MATCH (n:Entity {id: c.id})
RETURN n.id AS id, n.name AS name
ORDER BY c.score DESC, size(n.name), n.id
LIMIT toInteger($first);

// name: firmsPage
// One page of firm placements in the place's subtree, in the API's order (firm name, place name, role).
MATCH (target:Entity {name: $place})
MATCH (f:Firm)-[r:LOCATED_IN]->(area:Place)-[:WITHIN*0..8]->(target)
WITH DISTINCT f, r, area
RETURN f.id AS firm, f.name AS name, area.id AS place, area.name AS placeName, r.role AS role
ORDER BY name, placeName, role
LIMIT toInteger($first);

// name: firmsPageByNameIndex
// The same page walking firms in name order (the name index) and keeping those placed in the subtree.
MATCH (target:Entity {name: $place})
CALL (target) { MATCH (sub:Place)-[:WITHIN*0..8]->(target) RETURN collect(DISTINCT sub) AS subs }
MATCH (f:Entity) WHERE f.name >= '' AND f:Firm
MATCH (f)-[r:LOCATED_IN]->(area:Place) WHERE area IN subs
RETURN f.id AS firm, f.name AS name, area.id AS place, area.name AS placeName, r.role AS role
ORDER BY f.name, placeName, role
LIMIT toInteger($first);

// name: firmsPageByAreaIndex
// The same page read from the area index (cypher/areas.cypher): a seek on (placeId, sortKey) in index order.
MATCH (target:Entity {name: $place})
MATCH (f)-[x:IN_AREA]->() WHERE x.placeId = target.id AND x.sortKey > ''
WITH f, x ORDER BY x.placeId, x.sortKey LIMIT toInteger($first)
MATCH (f)-[r:LOCATED_IN]->(area:Place) WHERE r.key = x.placement
RETURN f.id AS firm, f.name AS name, area.id AS place, area.name AS placeName, r.role AS role;

// name: firmsTotalAndPageByAreaIndex
// The total as the place's IN_AREA degree and the first page from the area index.
MATCH (target:Entity {name: $place})
CALL (target) {
  MATCH (f)-[x:IN_AREA]->() WHERE x.placeId = target.id AND x.sortKey > ''
  WITH f, x ORDER BY x.placeId, x.sortKey LIMIT toInteger($first)
  MATCH (f)-[r:LOCATED_IN]->(area:Place) WHERE r.key = x.placement
  RETURN collect({firm: f.id, place: area.id, role: r.role}) AS page
}
RETURN COUNT { (target)<-[:IN_AREA]-() } AS total, page;

// name: firmsTotalAndPage
// The total of firm placements in the subtree (relationship counts per place) and the first page.
MATCH (target:Entity {name: $place})
CALL (target) {
  MATCH (sub:Place)-[:WITHIN*0..8]->(target)
  WITH DISTINCT sub
  RETURN sum(COUNT { (sub)<-[:LOCATED_IN]-(:Firm) }) AS total
}
CALL (target) {
  MATCH (f:Firm)-[r:LOCATED_IN]->(area:Place)-[:WITHIN*0..8]->(target)
  WITH DISTINCT f, r, area
  WITH f, r, area ORDER BY f.name, area.name, r.role LIMIT toInteger($first)
  RETURN collect({firm: f.id, place: area.id, role: r.role}) AS page
}
RETURN total, page;

// name: chain
// Chain as reachability: products reachable from `from` that reach `to` (distinct ends: pruned, never
// every path); per step its chain inputs and a page of producers (of it or a kind of it) with their count.
MATCH (a:Product {name: $from}), (b:Product {name: $to})
CALL (a) { MATCH (a)-[:INPUT_TO*0..12]->(x:Product) RETURN collect(DISTINCT x) AS down }
CALL (b) { MATCH (x:Product)-[:INPUT_TO*0..12]->(b) RETURN collect(DISTINCT x) AS up }
UNWIND down AS step
WITH step, up WHERE step IN up
CALL (step, up) {
  OPTIONAL MATCH (input:Product)-[:INPUT_TO]->(step) WHERE input IN up
  RETURN collect(input.id) AS inputs
}
CALL (step) {
  MATCH (p:Entity)-[r:PRODUCES]->(:Product)-[:KIND_OF*0..3]->(step)
  WITH p, r ORDER BY r.capacity DESC, p.id
  WITH count(*) AS producers, collect({p: p, r: r})[..coalesce($first, 1000000)] AS rows
  CALL (rows) {
    UNWIND rows AS row
    WITH row.p AS p, row.r AS r, null AS x
    // The production's place, as the question asks for it (the model's rule: the stated site, the producer
    // itself when it is a place, else its production base or first placement; none when the text says no site).
    WITH p, r, x, head(COLLECT { MATCH (at:Entity {id: r.at}) WHERE at:Place RETURN at }) AS stated
    WITH p, r, x, coalesce(stated, CASE WHEN p:Place THEN p END, CASE WHEN r.siteNotStated THEN null ELSE
           head(COLLECT { MATCH (p)-[l:LOCATED_IN]->(pl:Place) RETURN pl ORDER BY CASE WHEN l.role IN ['production_base', 'plant', 'site'] THEN 0 ELSE 1 END, pl.id }) END) AS place
    RETURN collect({id: p.id, name: p.name, status: r.status, capacity: r.capacity, place: {id: place.id, name: place.name}}) AS page
  }
  RETURN producers, page
}
RETURN step.id AS id, step.name AS name, inputs, producers, page;

// name: chainByProducerIndex
// The same answer with each step's page read from the producer index (PRODUCER_RANK, the API's order):
// an index seek on (stepId, rankKey) in index order, $first entries, and the count as the step's degree.
MATCH (a:Product {name: $from}), (b:Product {name: $to})
CALL (a) { MATCH (a)-[:INPUT_TO*0..12]->(x:Product) RETURN collect(DISTINCT x) AS down }
CALL (b) { MATCH (x:Product)-[:INPUT_TO*0..12]->(b) RETURN collect(DISTINCT x) AS up }
UNWIND down AS step
WITH step, up WHERE step IN up
CALL (step, up) {
  OPTIONAL MATCH (input:Product)-[:INPUT_TO]->(step) WHERE input IN up
  RETURN collect(input.id) AS inputs
}
CALL (step) {
  MATCH (p)-[x:PRODUCER_RANK]->() WHERE x.stepId = step.id AND x.rankKey > ''
  WITH p, x ORDER BY x.stepId, x.rankKey LIMIT toInteger(coalesce($first, 1000000))
  MATCH (p)-[r:PRODUCES]->() WHERE r.key = x.production
  // The production's place, as the question asks for it: the index row holds its id.
  OPTIONAL MATCH (place:Entity {id: x.placeId})
  RETURN collect({id: p.id, name: p.name, status: x.status, capacity: r.capacity, place: {id: place.id, name: place.name}}) AS page
}
RETURN step.id AS id, step.name AS name, inputs, COUNT { (step)<-[:PRODUCER_RANK]-() } AS producers, page;

// name: gaps
// Chain steps with no operating producer placed in the place's subtree and, for each, the first 5
// candidates elsewhere ranked as the API ranks them (its fair floor: the same work, not an existence
// test alone): tree distance from the place (hops through the nearest common ancestor; no place 1000),
// status (operating first), capacity (largest first), producer id. A production's place: the stated
// site (r.at), the producer itself when it is a place, else a place it is LOCATED_IN.
MATCH (place:Entity {name: $place}), (a:Product {name: $from}), (b:Product {name: $to})
CALL (place) { MATCH (sub:Place)-[:WITHIN*0..8]->(place) RETURN collect(DISTINCT sub) AS subs }
CALL (place) { MATCH q = (place)-[:WITHIN*0..8]->(anc:Place) RETURN collect({id: anc.id, d: length(q)}) AS near }
CALL (a) { MATCH (a)-[:INPUT_TO*0..12]->(x:Product) RETURN collect(DISTINCT x) AS down }
CALL (b) { MATCH (x:Product)-[:INPUT_TO*0..12]->(b) RETURN collect(DISTINCT x) AS up }
UNWIND down AS step
WITH step, subs, near WHERE step IN up
  AND NOT EXISTS {
    MATCH (p:Entity)-[r:PRODUCES]->(:Product)-[:KIND_OF*0..3]->(step)
    WHERE r.status = 'operating' AND (p IN subs OR EXISTS { (p)-[:LOCATED_IN]->(l:Place) WHERE l IN subs })
  }
CALL (step, subs, near) {
  MATCH (p:Entity)-[r:PRODUCES]->(:Product)-[:KIND_OF*0..3]->(step)
  WITH p, r, coalesce(head(COLLECT { MATCH (x:Entity {id: r.at}) RETURN x }), CASE WHEN p:Place THEN p END, head(COLLECT { MATCH (p)-[:LOCATED_IN]->(l:Place) RETURN l })) AS at
  WHERE at IS NULL OR NOT at IN subs
  CALL (at, near) {
    OPTIONAL MATCH q = (at)-[:WITHIN*0..8]->(anc:Place)
    WITH length(q) AS d, anc.id AS id
    UNWIND near AS u
    WITH d + u.d AS total WHERE u.id = id
    RETURN coalesce(min(total), 1000) AS distance
  }
  WITH p, at, distance, CASE coalesce(r.status, 'operating') WHEN 'operating' THEN 0 WHEN 'trial' THEN 1 WHEN 'under_construction' THEN 2 WHEN 'signed' THEN 3 WHEN 'planned' THEN 4 ELSE 5 END AS rank, r.capacity AS capacity
  ORDER BY distance, rank, capacity IS NULL, capacity DESC, p.id LIMIT 5
  RETURN collect({id: p.id, place: at.id}) AS candidates
}
RETURN step.id AS id, candidates;

// name: gapsByIndexes
// The same answer read from the producer index's places (PRODUCER_RANK.placeId): a step is a gap when
// no operating row (rankKey '0…') sits at a place of the area (one seek per step and place), and its
// 5 candidates are the rows at the places outside, nearest first: all places' distances computed once,
// then rows sought place by place in that order (the first 6 found fix the farthest distance needed).
MATCH (place:Entity {name: $place}) WHERE place:Place
MATCH (a:Product {name: $from}), (b:Product {name: $to})
CALL (b) { MATCH (x:Product)-[:INPUT_TO*0..12]->(b) RETURN collect(DISTINCT x) AS up }
CALL (a, up) { MATCH (a)-[:INPUT_TO*0..12]->(x:Product) WITH DISTINCT x WHERE x IN up RETURN collect(x) AS chain }
CALL (place) { MATCH (sub:Place)-[:WITHIN*0..8]->(place) RETURN collect(DISTINCT sub.id) AS subs }
CALL (place, subs) {
  MATCH q = (place)-[:WITHIN*0..8]->(anc:Place)
  WITH subs, anc, min(length(q)) AS rise
  MATCH d = (anc)<-[:WITHIN*0..8]-(pl:Place) WHERE NOT pl.id IN subs
  WITH pl.id AS id, min(rise + length(d)) AS distance ORDER BY distance
  RETURN collect({id: id, distance: distance}) AS rings
}
UNWIND chain AS step
WITH step, subs, rings WHERE NOT EXISTS {
  UNWIND subs AS s
  MATCH ()-[x:PRODUCER_RANK]->() WHERE x.stepId = step.id AND x.placeId = s AND x.rankKey >= '0' AND x.rankKey < '1'
}
CALL (step, rings) {
  CALL (step, rings) {
    UNWIND rings AS ring
    CALL (step, ring) {
      MATCH ()-[x:PRODUCER_RANK]->() WHERE x.stepId = step.id AND x.placeId = ring.id AND x.rankKey > ''
      WITH x ORDER BY x.stepId, x.placeId, x.rankKey LIMIT 6
      RETURN x
    }
    WITH ring.distance AS distance LIMIT 6
    RETURN max(distance) AS farthest
  }
  UNWIND rings AS ring
  WITH step, ring WHERE ring.distance <= farthest
  CALL (step, ring) {
    MATCH (p)-[x:PRODUCER_RANK]->() WHERE x.stepId = step.id AND x.placeId = ring.id AND x.rankKey > ''
    WITH p, x ORDER BY x.stepId, x.placeId, x.rankKey LIMIT 5
    RETURN p, x
  }
  WITH p, x, ring ORDER BY ring.distance, x.rankKey LIMIT 5
  RETURN collect({id: p.id, place: ring.id}) AS candidates
}
RETURN step.id AS id, candidates;

// name: path
MATCH (a:Entity {name: $from}), (b:Entity {name: $to})
MATCH p = allShortestPaths((a)-[:FACT_TYPES*..5]-(b))
WITH p LIMIT 20
RETURN [n IN nodes(p) | n.id] AS nodes, [r IN relationships(p) | type(r)] AS types;

// name: neighbourhood
// Two levels around an entity: the count of all, the nearest 100 by (level, id) and the relations among them.
MATCH (c:Entity {id: $id})
CALL (c) { MATCH (c)-[:FACT_TYPES]-(m:Entity) WITH DISTINCT m ORDER BY m.id RETURN collect(m) AS level1 }
CALL (c, level1) {
  UNWIND level1 AS m1
  MATCH (m1)-[:FACT_TYPES]-(m2:Entity) WHERE m2 <> c AND NOT m2 IN level1
  WITH DISTINCT m2 ORDER BY m2.id
  RETURN collect(m2) AS level2
}
WITH c, size(level1) + size(level2) AS total, ([c] + level1 + level2)[..toInteger($limit) + 1] AS kept
CALL (kept) {
  UNWIND kept AS x
  MATCH (x)-[r:FACT_TYPES]->(y:Entity) WHERE y IN kept
  RETURN collect({type: type(r), from: x.id, to: y.id}) AS edges
}
RETURN total, [k IN kept | k.id] AS ids, edges;

// name: policies
// Policies concerning the entity, its ancestors, its places and their ancestors, its industries and bases.
MATCH (t:Entity {name: $name})
CALL (t) {
  RETURN t AS via
  UNION
  MATCH (t)-[:WITHIN*1..8]->(a:Place) RETURN a AS via
  UNION
  MATCH (t)-[:LOCATED_IN]->(:Place)-[:WITHIN*0..8]->(a:Place) RETURN a AS via
  UNION
  MATCH (t)-[:DEVELOPS|IN_INDUSTRY]->(i:Industry) RETURN i AS via
  UNION
  MATCH (t)-[:SERVES_BASE]->(b:IndustrialBase) RETURN b AS via
}
MATCH (pol:Policy)-[:CONCERNS]->(via)
RETURN pol.id AS policy, pol.name AS name, via.id AS via;
