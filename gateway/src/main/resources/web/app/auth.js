// The signed-in user's token: pasted into the sign-in form or passed once as #token=<jwt>, kept for this browser tab
// only (sessionStorage), never sent anywhere but the gateway's /graphql.

const KEY = 'kpi.token';
const SSO = 'kpi.sso';

export function takeTokenFromFragment() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) {
    return null;
  }
  const token = decodeURIComponent(match[1]).trim();
  // keep the rest of the fragment (a view link may carry the token: #/customer/c-1?from=...&token=...)
  const rest = location.hash.slice(0, match.index) + location.hash.slice(match.index + match[0].length);
  const view = rest.replace(/^#&?/, '#').replace(/[?&]$/, '');
  history.replaceState(null, '', location.pathname + location.search + (view.startsWith('#/') ? view : '#/dashboard'));
  return token;
}

export function storedToken() {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token) {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}

/** Whether this tab's token came from single sign-on (signing out then ends that session too). */
export function usedSso() {
  return sessionStorage.getItem(SSO) === '1';
}

export function rememberSso() {
  sessionStorage.setItem(SSO, '1');
}

export function forgetSso() {
  sessionStorage.removeItem(SSO);
}

/** The token's claims, read for display only (the gateway verifies the signature). Null when not a JWT. */
export function claims(token) {
  const parts = (token || '').split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(decodeURIComponent(escape(json)));
  } catch (e) {
    return null;
  }
}

/** Why a token cannot be used, or null: checked before the first request so the user gets a clear message. */
export function problemWith(token) {
  if (!token) {
    return 'Paste a bearer token.';
  }
  const c = claims(token);
  if (!c) {
    return 'This is not a JSON Web Token (three base64url parts separated by dots).';
  }
  if (typeof c.exp === 'number' && c.exp * 1000 <= Date.now()) {
    return 'This token expired at ' + new Date(c.exp * 1000).toISOString() + '.';
  }
  return null;
}
