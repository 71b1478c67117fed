// Hive Gateway configuration for the router check: the caller's bearer token goes to every subgraph,
// which verifies it itself (the services trust no router).
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      return { authorization: request.headers.get('authorization') };
    },
  },
});
