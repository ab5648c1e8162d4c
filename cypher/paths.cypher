// name: shortestPaths
// All shortest paths (up to 8 hops; longer than maxHops are dropped) between two entities, each relation with its properties.
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
MATCH p = allShortestPaths((a)-[*..8]-(b))
// Filtering after WITH, not in a WHERE on the MATCH: a length predicate inside makes the planner
// fall back to an exhaustive search whenever no path is short enough.
WITH p
WHERE length(p) <= $maxHops
WITH p LIMIT toInteger($limit)
RETURN [n IN nodes(p) | properties(n)] AS nodes,
       [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)}] AS relations;

// name: neighbours
// The entities next to the given ones, nearest-first order kept stable by id.
UNWIND $ids AS id
MATCH (n:Entity {id: id})--(m:Entity)
WITH DISTINCT id, m ORDER BY id, m.id
RETURN properties(m) AS other;

// name: relationsAmong
// Every relation whose two ends are both among the given entities.
MATCH (a:Entity) WHERE a.id IN $ids
MATCH (a)-[r]->(b:Entity) WHERE b.id IN $ids
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props;
