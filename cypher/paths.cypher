// name: shortestPaths
// All shortest paths (up to 8 hops; longer than maxHops are dropped) between the two entities $names
// names (resolved in this round trip: resolveNamesExactly), each relation with its properties. None
// between an entity and itself (the caller answers that one). Nodes and relations carry the
// properties the selection reads ($fields, $relFields: SELECTED, SELECTED_REL); a relation is the list
// [type, from id, to id, properties] (SelectedRelationModel).
// include: resolveNamesExactly
CALL (names, resolved) {
  WITH names[0] AS a, names[1] AS b, resolved WHERE resolved AND names[0] <> names[1]
  MATCH p = allShortestPaths((a)-[:FACT_TYPES*..8]-(b))
  // Filtering after WITH, not in a WHERE on the MATCH: a length predicate inside makes the planner
  // fall back to an exhaustive search whenever no path is short enough.
  WITH p
  WHERE length(p) <= $maxHops
  WITH p LIMIT toInteger($limit)
  RETURN collect({
    nodes: [n IN nodes(p) | SELECTED(n)],
    relations: [r IN relationships(p) | [type(r), startNode(r).id, endNode(r).id, SELECTED_REL(r)]]
  }) AS paths
}
RETURN RESOLVED_NAMES, paths;

// name: neighbourhood
// The entities within $depth (≤ 3) hops of the centre, ranked by distance then id, cut to $limit
// before anything is fetched, then every relation among the kept ones. Each ring is one set of
// distinct nodes (the next ring expands from it), so the work grows with the rings, not with paths.
// The centre is the entity $names names, resolved in this round trip (no row when it is not exact).
// Nodes and relations carry the properties the selection reads ($fields, $relFields: SELECTED, SELECTED_REL);
// a relation is the list [type, from id, to id, properties] (SelectedRelationModel).
// include: resolveNamesExactly
WITH names, names[0] AS c, resolved WHERE resolved
CALL (c) {
  MATCH (c)-[:FACT_TYPES]-(m:Entity) WHERE m <> c
  WITH DISTINCT m ORDER BY m.id
  RETURN collect(m) AS ring1
}
CALL (c, ring1) {
  WITH c, ring1 WHERE $depth >= 2
  UNWIND ring1 AS x
  MATCH (x)-[:FACT_TYPES]-(m:Entity) WHERE m <> c AND NOT m IN ring1
  WITH DISTINCT m ORDER BY m.id
  RETURN collect(m) AS ring2
}
CALL (c, ring1, ring2) {
  WITH c, ring1, ring2 WHERE $depth >= 3
  UNWIND ring2 AS x
  MATCH (x)-[:FACT_TYPES]-(m:Entity) WHERE m <> c AND NOT m IN ring1 AND NOT m IN ring2
  WITH DISTINCT m ORDER BY m.id
  RETURN collect(m) AS ring3
}
WITH names, [c] + ring1 + coalesce(ring2, []) + coalesce(ring3, []) AS ranked
WITH names, size(ranked) AS total, ranked[0..$limit] AS kept
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r:FACT_TYPES]->(b:Entity) WHERE b IN kept
  RETURN collect([type(r), a.id, b.id, SELECTED_REL(r)]) AS relations
}
RETURN RESOLVED_NAMES, total, [n IN kept | SELECTED(n)] AS nodes, relations;
