// name: ingestGraphVersion
// A cheap fingerprint of everything the extraction dictionary is built from: when it changes, the
// dictionary is rebuilt. One pass over Entity nodes reading two list sizes; no relationships.
MATCH (n:Entity)
RETURN count(n) AS entities,
       sum(size(coalesce(n.searchKeys, []))) AS keys,
       sum(size(coalesce(n.aliases, []))) AS aliases,
       max(n.id) AS lastId;

// name: ingestGazetteer
// Every entity's names as the extraction dictionary needs them: name, English name, aliases (curated
// and derived) and primary keys. Read-only.
MATCH (n:Entity)
RETURN n.id AS id, n.kind AS kind, n.name AS name, n.nameEn AS nameEn,
       coalesce(n.aliases, []) AS aliases, coalesce(n.primaryKeys, []) AS primaryKeys,
       n.placeKind AS placeKind
ORDER BY n.id;
