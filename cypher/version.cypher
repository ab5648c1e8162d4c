// The graph's version, for the response cache (docs/limits.md, "Response cache"). Every write
// transaction bumps it as its last statement (src/db/graph.ts), so a write and its bump commit
// together or not at all; each API replica reads it at most once per second.

// name: graphVersionRead
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
RETURN coalesce(v.version, 0) AS version, coalesce(v.stamp, 'none') AS stamp;

// name: graphVersionBump
// The stamp is random, so a version node that was ever deleted and re-created cannot repeat an old key.
MERGE (v:GraphVersion {id: 'graph'})
SET v.version = coalesce(v.version, 0) + 1, v.stamp = randomUUID()
RETURN v.version AS version, v.stamp AS stamp;
