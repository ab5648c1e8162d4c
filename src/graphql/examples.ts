/** Operations GraphiQL opens with: one tab per kind of user, Chinese and English names mixed on purpose. */
export const EXAMPLE_TABS = [
  {
    query: /* GraphQL */ `# 招商 / investment promotion: the phosphorus → LFP chain, who makes each step, and Fuquan's gaps
query ChainAndGaps {
  supplyChain(from: "磷矿石", to: "lithium iron phosphate") {
    steps {
      product { name nameEn }
      producers { totalCount edges { node { producer { name } place { name } capacity unit status sources { quote document { title } } } } }
    }
  }
  chainGaps(place: "Fuquan", from: "phosphate rock", to: "动力电池") {
    product { name }
    candidates(first: 5) { edges { node { producer { name } place { name } status } } }
  }
}`,
  },
  {
    query: /* GraphQL */ `# Researchers: firms in a place counting its parks, policies and bases, and what connects two entities
query PlacesAndPaths {
  firmsIn(place: "福泉", includeSubareas: true) {
    totalCount
    edges { node { firm { name } place { name placeKind } role sources { quote } } }
  }
  policies(concerning: "Gui'an New Area") { policy { name } via { name } inherited }
  industrialBases { name nameEn places { name } industries { name } }
  path(from: "川恒", to: "贵安新区") { length nodes { name } edges { type sources { quote } } }
}`,
  },
  {
    query: /* GraphQL */ `# Everyone: search in any script — 川恒, 川恆, chuanheng, Chuanheng
query Explore {
  search(text: "川恆", first: 5) { totalCount edges { score node { id kind name nameEn aliases } } }
  lookup(name: "chuanheng") {
    name
    sources { quote document { title date } }
    relations { type fromEntity { name } toEntity { name } sources { quote } }
  }
  # A dense entity's relations a page at a time: pass pageInfo.endCursor as after for the next page.
  province: lookup(name: "贵州省") {
    relationsConnection(first: 10, types: ["WITHIN"], direction: IN) {
      totalCount
      edges { cursor node { fromEntity { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`,
  },
  {
    query: /* GraphQL */ `# Curators: paste your token (npm run token) into the Headers tab below, then ingest and review.
# Reads (reviewQueue, audit) need no token; every mutation does.
mutation Ingest {
  ingestDocument(input: { text: "贵州示例磷化有限公司位于福泉市。该公司年产5万吨磷酸铁生产线已建成投产。", title: "示例", date: "2025-01-01" }) {
    document { id sha256 }
    candidates { id kind name relationType from to state }
  }
}

query Queue {
  reviewQueue(first: 20) { totalCount edges { node { id kind name relationType from to quote matches { id name } } } }
  audit(first: 10) { edges { node { at curator action summary } } }
}`,
    headers: JSON.stringify({ Authorization: 'Bearer <paste your curator token>' }, null, 2),
  },
];
