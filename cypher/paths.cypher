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
// Every relation touching the given entities, with both end nodes.
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m:Entity)
RETURN DISTINCT type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS props, properties(m) AS other;
