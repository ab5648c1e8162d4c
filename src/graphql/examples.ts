/** Operations GraphiQL opens with: one tab per kind of user, Chinese and English names mixed on purpose. */
export const EXAMPLE_TABS = [
  {
    query: /* GraphQL */ `# 招商 / investment promotion: the phosphorus → LFP chain, who makes each step, and Fuquan's gaps
query ChainAndGaps {
  supplyChain(from: "磷矿石", to: "lithium iron phosphate") {
    steps {
      product { name nameEn }
      producers { producer { name } place { name } capacity unit status sources { quote document { title } } }
    }
  }
  chainGaps(place: "Fuquan", from: "phosphate rock", to: "动力电池") {
    product { name }
    candidates { producer { name } place { name } status }
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
}`,
  },
];
