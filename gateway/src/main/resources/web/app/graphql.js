// The one way the dashboard talks to the gateway: POST /graphql with the signed-in user's bearer token.
// Numbers are kept as the exact decimal text of the response (JSON.parse's source text), so a money amount or a
// ratio reaches the tables and CSV files digit for digit; charts convert them with Number().

export class AuthError extends Error {}

export class GraphQLError extends Error {
  constructor(errors) {
    const first = errors[0] || {};
    const code = first.extensions && first.extensions.code;
    const service = first.extensions && first.extensions.service;
    super((code ? code + ': ' : '') + (first.message || 'request failed') + (service ? ' (' + service + ')' : ''));
    this.code = code;
    this.errors = errors;
  }
}

function exactNumbers(key, value, context) {
  if (typeof value === 'number') {
    return context && typeof context.source === 'string' ? context.source : String(value);
  }
  return value;
}

export function createClient(endpoint, tokenProvider, onUnauthenticated) {
  /** The data; throws on any error, unless options.partial: then { data, errors } (errors maybe empty). */
  return async function gql(query, variables, options) {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Accept': 'application/json',
        'Authorization': 'Bearer ' + tokenProvider()
      },
      body: JSON.stringify({ query, variables: variables || {} })
    });
    if (response.status === 401) {
      onUnauthenticated();
      throw new AuthError('The token was refused (expired or not valid for this gateway).');
    }
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text, exactNumbers);
    } catch (e) {
      throw new Error('The gateway answered HTTP ' + response.status + ' without GraphQL JSON.');
    }
    if (body.errors && body.errors.length) {
      if (body.errors.some(e => e.extensions && e.extensions.code === 'UNAUTHENTICATED')) {
        onUnauthenticated();
        throw new AuthError('The token was refused (expired or not valid for this gateway).');
      }
      if (!(options && options.partial && body.data)) {
        throw new GraphQLError(body.errors);
      }
    }
    if (!response.ok || !body.data) {
      throw new Error('The gateway answered HTTP ' + response.status + '.');
    }
    return options && options.partial ? { data: body.data, errors: body.errors || [] } : body.data;
  };
}
