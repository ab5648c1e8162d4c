// name: chainSteps
// The chain from one product to another as reachability, never path enumeration: the products
// reachable from `from` (INPUT_TO, up to 12 hops) that also reach `to`, each set found by a pruning
// breadth-first expand, so the work grows with the chain's size, not with its number of paths.
// For each step only its inputs on the chain: producers are paged per step (chainProducers).
// Ids are found through the Entity id constraint's index (a label of its own has no index on id).
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId}) WHERE a:Product AND b:Product
CALL (b) {
  MATCH (up:Product)-[:INPUT_TO*0..12]->(b)
  RETURN collect(DISTINCT up) AS upstream
}
CALL (a, upstream) {
  MATCH (a)-[:INPUT_TO*0..12]->(down:Product)
  WITH DISTINCT down WHERE down IN upstream
  RETURN collect(down) AS chain
}
UNWIND chain AS step
CALL (step, chain) {
  OPTIONAL MATCH (input:Product)-[:INPUT_TO]->(step) WHERE input IN chain
  RETURN collect(properties(input)) AS inputs
}
RETURN properties(step) AS product, inputs;

// fragment: stepProductions
// The productions of `step` (of the product or of a kind of it: 新能源客车 is a 新能源汽车) with
// their status, kept when it is one of $statuses (null: any).
MATCH (producer:Entity)-[r:PRODUCES]->(made:Product)-[:KIND_OF*0..3]->(step)
WHERE coalesce(r.superseded, false) = false
// The status rule of productionStatus() in src/services/rows.ts: a project without one is planned, others operate.
WITH producer, r, made, coalesce(r.status, CASE WHEN producer:Project THEN coalesce(producer.status, 'planned') ELSE 'operating' END) AS status
WHERE $statuses IS NULL OR status IN $statuses

// fragment: productionPlace
// Where a production is (`place`, null when unknown) and that place's ancestry (ids with distance);
// `sortKey` passes through (null before the page is ranked).
WITH producer, r, made, status, sortKey,
     head(COLLECT { MATCH (x:Entity {id: r.at}) WHERE x:Place RETURN x }) AS stated,
     head(COLLECT {
       MATCH (producer)-[l:LOCATED_IN]->(pl:Place)
       RETURN pl ORDER BY CASE WHEN l.role IN ['production_base', 'plant', 'site'] THEN 0 ELSE 1 END, pl.id
     }) AS located
// A place that produces (Fuquan ships LFP) is its own production place; a firm's production whose
// site the text does not state (r.siteNotStated) gets no place rather than one inferred by id order.
WITH producer, r, made, status, sortKey, coalesce(stated, CASE WHEN producer:Place THEN producer END, CASE WHEN r.siteNotStated THEN null ELSE located END) AS place
WITH producer, r, made, status, sortKey, place,
     CASE WHEN place IS NULL THEN [] ELSE [q = (place)-[:WITHIN*0..8]->(anc:Place) | {id: anc.id, distance: length(q)}] END AS ancestry

// fragment: placeFilter
// $within: the production place lies in every one of these place ids; $outside: null, or an id it
// must NOT lie in (a production with no place is outside every place).
WHERE all(w IN $within WHERE any(a IN ancestry WHERE a.id = w))
  AND ($outside IS NULL OR none(a IN ancestry WHERE a.id = $outside))

// fragment: rankAndPage
// The ranking: `distance` (0 unless a target place is given), the status ladder (operating, trial,
// under_construction, signed, planned, others), capacity (largest first, none last), then producer
// id, product id and relation key; rows after the cursor $after, first + 1 of them (the extra one
// says that a page follows).
WITH producer, r, made, status, place, ancestry, distance,
     CASE status WHEN 'operating' THEN 0 WHEN 'trial' THEN 1 WHEN 'under_construction' THEN 2 WHEN 'signed' THEN 3 WHEN 'planned' THEN 4 ELSE 5 END AS rank
WITH producer, r, made, status, place, ancestry,
     [distance, rank, CASE WHEN r.capacity IS NULL THEN 1 ELSE 0 END, -coalesce(r.capacity, 0), producer.id, made.id, coalesce(r.key, elementId(r))] AS sortKey
WHERE $after IS NULL OR sortKey > $after
WITH producer, r, made, status, place, ancestry, sortKey ORDER BY sortKey LIMIT toInteger($first) + 1

// fragment: productionRow
RETURN collect({
  producer: properties(producer),
  made: properties(made),
  // All of the relation's properties: curation and the resolvers read key, origin, superseded, output, siteNotStated …
  rel: properties(r),
  place: CASE WHEN place IS NULL THEN null ELSE properties(place) END,
  ancestry: ancestry,
  sortKey: sortKey
}) AS producers

// name: chainProducers
// One keyset page of producers for each step in $steps, with no place filter: the ranking (see
// rankAndPage) needs no place, so places are looked up for the page's rows only. The order is a
// top-k sort over one step's productions (found by expanding from the product: no index orders
// them), so the work per step grows with its producers, not with the graph.
UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
CALL (step) {
  // include: stepProductions
  WITH producer, r, made, status, null AS place, [] AS ancestry, 0 AS distance
  // include: rankAndPage
  // include: productionPlace
  // include: productionRow
}
RETURN stepId, producers;

// name: chainProducersPlaced
// chainProducers filtered by place ($within, $outside) and, when $target is a place id, ranked by
// the tree distance from it first (gap candidates: hops through the nearest common ancestor; no
// known place = 1000): every production's place is needed before the page is cut.
CALL () {
  OPTIONAL MATCH q = (t:Entity {id: $target})-[:WITHIN*0..8]->(anc:Place) WHERE t:Place
  WITH anc.id AS id, min(length(q)) AS distance WHERE id IS NOT NULL
  RETURN collect({id: id, distance: distance}) AS target
}
UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
CALL (step, target) {
  // include: stepProductions
  WITH producer, r, made, status, null AS sortKey
  // include: productionPlace
  // include: placeFilter
  WITH producer, r, made, status, place, ancestry,
       CASE WHEN $target IS NULL THEN 0
            ELSE coalesce(reduce(d = null, t IN target | reduce(m = d, a IN ancestry | CASE WHEN a.id = t.id AND (m IS NULL OR a.distance + t.distance < m) THEN a.distance + t.distance ELSE m END)), 1000)
       END AS distance
  // include: rankAndPage
  // include: productionRow
}
RETURN stepId, producers;

// name: chainProducersCount
// How many productions chainProducers pages through for each step, counted only.
UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
CALL (step) {
  // include: stepProductions
  RETURN count(*) AS total
}
RETURN stepId, total;

// name: chainProducersPlacedCount
// How many productions chainProducersPlaced pages through for each step (same filters), counted only.
UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
CALL (step) {
  // include: stepProductions
  WITH producer, r, made, status, null AS sortKey
  // include: productionPlace
  // include: placeFilter
  RETURN count(*) AS total
}
RETURN stepId, total;

// name: placeAncestry
// A place's own id and its ancestors' ids with their distance, for measuring how near producers are.
MATCH q = (p:Entity {id: $placeId})-[:WITHIN*0..8]->(anc:Place) WHERE p:Place
RETURN anc.id AS id, min(length(q)) AS distance
ORDER BY distance, id;
