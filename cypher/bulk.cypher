// Batched bulk import (synthetic data): one transaction per batch, the checkpoint committed with it.

// name: bulkLoadState
// The checkpoint of a bulk load, if one was started.
OPTIONAL MATCH (c:BulkLoad {id: $runId})
RETURN properties(c) AS state;

// name: bulkLoadStart
// Creates the checkpoint of a new bulk load (nothing loaded yet).
CREATE (c:BulkLoad {id: $runId})
SET c += $params, c.origin = $origin, c.batches = $batches, c.nextBatch = 0, c.rows = 0, c.complete = false
RETURN properties(c) AS state;

// name: bulkEntities
// Creates entities (ids are new: the uniqueness constraint rejects a second load of the same record).
// props already hold id and origin: one SET, so the plan needs no Eager barrier.
// Their name keys are created alongside, as seedEntities does (see nameKeysSync in seed.cypher).
UNWIND $rows AS row
CREATE (n:Entity:$(row.kind))
SET n = row.props
WITH n
CALL (n) {
  UNWIND n.searchKeys AS key
  CREATE (:NameKey {key: key, entityId: n.id, kind: n.kind, primary: key IN n.primaryKeys})
};

// name: bulkRelations
// Creates relations between entities that exist, by id through the uniqueness constraint's index.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created;

// name: bulkCheckpoint
// Records batch $batch as loaded, in the same transaction as the batch itself. Batches may commit
// out of order (several in flight): nextBatch is the first batch not loaded, done the loaded ones
// after it. Taken last in the transaction, the checkpoint's lock is held only while committing.
// The first SET takes the checkpoint's write lock, so what follows reads the other batches' commits (no lost update).
MATCH (c:BulkLoad {id: $runId})
SET c.rows = c.rows + $rows
WITH c, coalesce(c.done, []) + $batch AS done
WITH c, done, head([i IN range(c.nextBatch, c.batches) WHERE NOT i IN done]) AS next
SET c.nextBatch = next, c.done = [i IN done WHERE i > next], c.complete = next >= c.batches;

// name: bulkRemoveNext
// The next up to $batch entities of one kind and origin to delete (kind uses its index).
MATCH (n:Entity {kind: $kind})
WHERE n.origin = $origin
WITH n LIMIT toInteger($batch)
RETURN collect(n.id) AS ids;

// name: bulkRemoveBatch
// Deletes these entities with their relations (area index rows included) and name keys.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
DETACH DELETE n
WITH id
CALL (id) {
  MATCH (k:NameKey {entityId: id})
  DELETE k
}
RETURN count(id) AS removed;

// name: bulkRemoveState
// Deletes the checkpoint of a bulk load.
MATCH (c:BulkLoad {id: $runId})
DELETE c
RETURN count(*) AS removed;

// name: bulkOriginCounts
// Entities and relations of one origin.
CALL { MATCH (n:Entity) WHERE n.origin = $origin RETURN count(n) AS nodes }
CALL { MATCH (:Entity)-[r]->(:Entity) WHERE r.origin = $origin RETURN count(r) AS relationships }
RETURN nodes, relationships;

// name: bulkLoadImported
// The checkpoint of a load written offline (npm run synth -- --import): complete, so the same online
// command is a no-op and another one is refused until --remove, exactly as after an online load.
CREATE (c:BulkLoad {id: $runId})
SET c += $params, c.origin = $origin, c.batches = $batches, c.nextBatch = $batches, c.rows = $rows, c.complete = true, c.imported = true
RETURN properties(c) AS state;

// name: bulkImportForeignData
// What an offline import would destroy beyond what it writes back: anything that is not a curated
// (seed) or synthetic record, a name key, the graph version, an index's state or a load checkpoint —
// contributed records, candidates, audits. IN_AREA and PRODUCER_RANK rows are derived from the facts (rebuilt with them).
CALL () {
  MATCH (n)
  WHERE NOT (n:NameKey OR n:GraphVersion OR n:BulkLoad OR n:IndexState) AND NOT coalesce(n.origin, '') IN ['seed', 'synth']
  RETURN count(n) AS nodes
}
CALL () {
  MATCH ()-[r]->()
  WHERE NOT type(r) IN ['IN_AREA', 'PRODUCER_RANK'] AND NOT coalesce(r.origin, '') IN ['seed', 'synth']
  RETURN count(r) AS relationships
}
RETURN nodes, relationships;
