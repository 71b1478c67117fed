// Runs an independent federation router (Hive Gateway) over the running services and asks it for one customer's
// fields from all four subgraphs. Expects the suite on the local runner's ports (deploy/federation/router-check.sh
// starts it) and the token of a tenant in KPI_TOKEN. Exit 1 on any mismatch.
import { spawn } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compose } from './compose.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const token = process.env.KPI_TOKEN;
if (!token) { console.error('KPI_TOKEN is not set'); process.exit(2); }
const port = Number(process.env.ROUTER_PORT ?? 4000);
const customer = `fed-${Date.now()}`;

async function gql(url, query, variables = {}) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }) });
  const body = await r.json();
  if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

function expect(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  console.log(`ok  ${what} = ${JSON.stringify(actual)}`);
}

const composition = compose();
if (composition.errors) { for (const e of composition.errors) console.error(e.message); process.exit(1); }
mkdirSync(join(here, 'target'), { recursive: true });
const supergraph = join(here, 'target', 'supergraph.graphql');
writeFileSync(supergraph, composition.supergraphSdl);

// one customer known to every service, written straight to the services (not through any gateway)
await gql('http://localhost:8081/graphql', `mutation($p:[PlanInput!]!,$c:[CustomerInput!]!){ recordPlans(plans:$p){accepted} recordCustomers(customers:$c){accepted} }`,
  { p: [{ code: 'fed-pro', name: 'Pro', currency: 'USD', price: 149, intervalMonths: 1 }], c: [{ externalId: customer, name: 'Federated Inc' }] });
await gql('http://localhost:8081/graphql', `mutation($e:[SubscriptionEventInput!]!){ recordSubscriptionEvents(events:$e){accepted} }`,
  { e: [{ externalId: `${customer}-start`, type: 'STARTED', customerId: customer, subscriptionId: `${customer}-s`, planCode: 'fed-pro', effectiveAt: '2026-01-05T00:00:00Z' }] });
await gql('http://localhost:8082/graphql', `mutation($t:[TrialInput!]!){ recordTrials(trials:$t){accepted} syncAcquisitionFeed { pending } }`,
  { t: [{ externalId: `${customer}-trial`, customerId: customer, channel: 'webinar', startedAt: '2025-12-20T00:00:00Z' }] });
await gql('http://localhost:8083/graphql', `mutation($n:[NpsResponseInput!]!){ syncRetentionFeed { pending } recordNpsResponses(responses:$n){accepted} }`,
  { n: [{ externalId: `${customer}-nps`, customerId: customer, respondent: 'admin', score: 9, respondedAt: '2026-02-01T00:00:00Z' }] });
await gql('http://localhost:8084/graphql', `mutation($t:[TicketInput!]!){ recordTickets(tickets:$t){accepted} }`,
  { t: [{ externalId: `${customer}-t1`, customerId: customer, channel: 'email', priority: 'normal', createdAt: '2026-02-03T10:00:00Z' }] });

const router = spawn(join(here, 'node_modules', '.bin', 'hive-gateway'),
  ['supergraph', supergraph, '--port', String(port), '--config-path', join(here, 'gateway.config.mjs')],
  { cwd: here, stdio: ['ignore', 'inherit', 'inherit'] });
try {
  const url = `http://localhost:${port}/graphql`;
  for (let i = 0; ; i++) {
    try { const r = await fetch(`http://localhost:${port}/healthcheck`); if (r.ok) break; } catch { /* not up yet */ }
    if (i > 120) throw new Error('Hive Gateway did not start');
    await new Promise(r => setTimeout(r, 250));
  }
  const data = await gql(url, `query($id: ID!) { customer(id: $id) {
      id
      revenue(asOf: "2026-03-01") { name mrr { amount currency } }
      acquisition { channel }
      retention(asOf: "2026-03-01") { latestNpsScore }
      support(range: { from: "2026-02-01", to: "2026-03-01" }) { openTickets } } }`, { id: customer });
  console.log(JSON.stringify(data));
  expect(data.customer.id, customer, 'customer.id');
  expect(data.customer.revenue.name, 'Federated Inc', 'revenue (revenue-service)');
  expect(Number(data.customer.revenue.mrr.amount), 149, 'revenue.mrr.amount');
  expect(data.customer.acquisition.channel, 'webinar', 'acquisition.channel (acquisition-service)');
  expect(data.customer.retention.latestNpsScore, 9, 'retention.latestNpsScore (retention-service)');
  expect(data.customer.support.openTickets, 1, 'support.openTickets (support-service)');
  console.log('Hive Gateway answered one customer from all four subgraphs.');
} finally {
  router.kill();
}
