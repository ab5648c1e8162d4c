// name: chainSteps
// The chain from one product to another as reachability, never path enumeration: the products
// reachable from `from` (INPUT_TO, up to 12 hops) that also reach `to`, each set found by a pruning
// breadth-first expand, so the work grows with the chain's size, not with its number of paths.
// For each step: its inputs on the chain and its producers (of the product or of a kind of it:
// 新能源客车 is a 新能源汽车) with the producer's place and that place's ancestry (ids with distance).
MATCH (a:Product {id: $fromId}), (b:Product {id: $toId})
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
CALL (step) {
  OPTIONAL MATCH (producer:Entity)-[r:PRODUCES]->(made:Product)-[:KIND_OF*0..3]->(step)
  WHERE coalesce(r.superseded, false) = false
  WITH producer, r, made WHERE producer IS NOT NULL
  WITH producer, r, made,
       head(COLLECT { MATCH (x:Place {id: r.at}) RETURN x }) AS stated,
       head(COLLECT {
         MATCH (producer)-[l:LOCATED_IN]->(pl:Place)
         RETURN pl ORDER BY CASE WHEN l.role IN ['production_base', 'plant', 'site'] THEN 0 ELSE 1 END, pl.id
       }) AS located
  // A place that produces (Fuquan ships LFP) is its own production place; a firm's production whose
  // site the text does not state (r.siteNotStated) gets no place rather than one inferred by id order.
  WITH producer, r, made, coalesce(stated, CASE WHEN producer:Place THEN producer END, CASE WHEN r.siteNotStated THEN null ELSE located END) AS place
  RETURN collect({
    producer: properties(producer),
    made: properties(made),
    // All of the relation's properties: curation and the resolvers read key, origin, superseded, output, siteNotStated …
    rel: properties(r),
    place: CASE WHEN place IS NULL THEN null ELSE properties(place) END,
    ancestry: CASE WHEN place IS NULL THEN [] ELSE [q = (place)-[:WITHIN*0..8]->(anc:Place) | {id: anc.id, distance: length(q)}] END
  }) AS producers
}
RETURN properties(step) AS product, inputs, producers;

// name: placeAncestry
// A place's own id and its ancestors' ids with their distance, for measuring how near producers are.
MATCH q = (:Place {id: $placeId})-[:WITHIN*0..8]->(anc:Place)
RETURN anc.id AS id, min(length(q)) AS distance
ORDER BY distance, id;
