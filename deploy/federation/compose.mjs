// Composes the four domain services' subgraph schemas (the snapshots the gateway serves,
// gateway/src/main/resources/subgraphs/<name>.graphql) with Apollo's composition library, prints its hints
// and writes the supergraph to target/supergraph.graphql. Exit 1 when composition fails.
// Service URLs (routing URLs in the supergraph) default to the local runner's ports; override with
// KPI_REVENUE_URL, KPI_ACQUISITION_URL, KPI_RETENTION_URL, KPI_SUPPORT_URL.
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const snapshots = join(here, '..', '..', 'gateway', 'src', 'main', 'resources', 'subgraphs');
const defaults = { revenue: 8081, acquisition: 8082, retention: 8083, support: 8084 };

export function compose() {
  const services = Object.entries(defaults).map(([name, port]) => ({
    name,
    url: process.env[`KPI_${name.toUpperCase()}_URL`] ?? `http://localhost:${port}/graphql`,
    typeDefs: parse(readFileSync(join(snapshots, `${name}.graphql`), 'utf8')),
  }));
  return composeServices(services);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = compose();
  if (result.errors) {
    for (const e of result.errors) console.error(`ERROR ${e.message}`);
    process.exit(1);
  }
  for (const h of result.hints ?? []) console.log(`hint ${h.definition.code}: ${h.message.split('\n')[0]}`);
  mkdirSync(join(here, 'target'), { recursive: true });
  writeFileSync(join(here, 'target', 'supergraph.graphql'), result.supergraphSdl);
  console.log('composed: revenue, acquisition, retention, support -> deploy/federation/target/supergraph.graphql');
}
