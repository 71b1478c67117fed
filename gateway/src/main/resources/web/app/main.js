// The dashboard: sign-in, the toolbar (period and segment filter), the panels, the customer 360 page.
import './app.css';
import { createClient, AuthError } from './graphql.js';
import * as auth from './auth.js';
import * as nav from './state.js';
import { PANELS } from './panels.js';
import { panelElement, renderPanel } from './panel-view.js';
import { showCustomer } from './customer.js';

const $ = selector => document.querySelector(selector);
const session = { token: null, tenant: null, currency: null, generation: 0 };
const gql = createClient('/graphql', () => session.token, tokenRefused);

/** A refused token: with single sign-on, a fresh one from the session (quarkus-oidc refreshes it); else sign in again. */
function tokenRefused() {
  if (session.sso) {
    auth.forgetToken();
    location.href = '/sso/login';
    return;
  }
  signOut('Your session ended: the token was refused or has expired. Sign in again.');
}

// ------------------------------------------------------------------ sign-in

function signOut(message) {
  if (session.sso && auth.storedToken()) {
    auth.forgetToken();
    auth.forgetSso();
    location.href = '/sso/logout'; // ends the single sign-on session too, then back to this page
    return;
  }
  auth.forgetToken();
  session.token = null;
  $('#app').hidden = true;
  $('#session').hidden = true;
  $('#login').hidden = false;
  $('#login-error').textContent = message || '';
  $('#token').focus();
}

async function signIn(token, fromForm) {
  const problem = auth.problemWith(token);
  if (problem) {
    signOut(problem);
    return;
  }
  session.token = token;
  try {
    const data = await gql(`{ serviceInfo { tenant } revenueSettings { reportingCurrency timeZone } plans { code name } }`);
    session.tenant = data.serviceInfo.tenant;
    session.currency = data.revenueSettings.reportingCurrency;
    session.timeZone = data.revenueSettings.timeZone;
    session.plans = data.plans;
  } catch (e) {
    if (!(e instanceof AuthError)) {
      signOut('The gateway did not accept the sign-in: ' + e.message);
    }
    return;
  }
  auth.storeToken(token);
  const c = auth.claims(token) || {};
  $('#tenant').textContent = session.tenant;
  $('#token-expiry').textContent = c.exp ? 'until ' + new Date(c.exp * 1000).toLocaleString() : '';
  $('#login').hidden = true;
  $('#login-error').textContent = '';
  $('#session').hidden = false;
  $('#app').hidden = false;
  if (fromForm || !location.hash.startsWith('#/')) {
    history.replaceState(null, '', '#/dashboard?' + nav.query(nav.route().state));
  }
  show();
}

// ------------------------------------------------------------------ toolbar

function fillToolbar(state) {
  const preset = [...$('#preset').options].map(o => o.value).find(p => {
    if (!p) {
      return false;
    }
    const range = nav.presetRange(p);
    return range.from === state.from && range.to === state.to;
  });
  $('#preset').value = preset || '';
  $('#from').value = state.from;
  $('#to').value = state.to;
  $('#granularity').value = state.granularity;
  $('#dimension').value = state.dimension;
  return fillDimensionValues(state.dimension, state).then(() => {
    $('#dimension-value').value = state.value;
  });
}

const dimensionValues = new Map();

async function valuesOf(dimension, state) {
  if (dimension === 'PLAN') {
    return session.plans.map(p => ({ value: p.code, label: p.name + ' (' + p.code + ')' }));
  }
  const key = dimension + '/' + state.from + '/' + state.to;
  if (!dimensionValues.has(key)) {
    const data = await gql(`query($range: DateRangeInput!, $d: RevenueDimension) {
      mrrSeries(range: $range, granularity: YEAR, groupBy: $d) { group } }`,
    { range: { from: state.from, to: state.to }, d: dimension });
    const groups = [...new Set(data.mrrSeries.map(p => p.group).filter(g => g !== null && g !== '(none)'))].sort();
    dimensionValues.set(key, groups.map(g => ({ value: g, label: g })));
  }
  return dimensionValues.get(key);
}

async function fillDimensionValues(dimension, state) {
  const select = $('#dimension-value');
  select.replaceChildren(new Option(dimension ? 'Choose…' : 'All customers', ''));
  select.disabled = !dimension;
  if (!dimension) {
    return;
  }
  try {
    for (const v of await valuesOf(dimension, state)) {
      select.add(new Option(v.label, v.value));
    }
  } catch (e) {
    $('#toolbar-error').textContent = 'Could not list the ' + dimension.toLowerCase() + ' values: ' + e.message;
  }
}

function toolbarState() {
  const dimension = $('#dimension').value;
  return { from: $('#from').value, to: $('#to').value, granularity: $('#granularity').value, dimension,
    value: dimension ? $('#dimension-value').value : '' };
}

function apply(event) {
  event.preventDefault();
  const state = toolbarState();
  const problem = nav.problemWith(state);
  $('#toolbar-error').textContent = problem || '';
  if (problem) {
    return;
  }
  const current = nav.route();
  location.hash = current.page === 'customer' ? nav.customerHash(current.customerId, state) : nav.dashboardHash(state);
}

// ------------------------------------------------------------------ panels

function buildPanels() {
  const main = $('#dashboard');
  let section = null;
  for (const panel of PANELS) {
    if (!section || section.dataset.section !== panel.section) {
      section = document.createElement('div');
      section.className = 'section';
      section.dataset.section = panel.section;
      const h2 = document.createElement('h2');
      h2.textContent = panel.section;
      section.appendChild(h2);
      const grid = document.createElement('div');
      grid.className = 'grid';
      section.appendChild(grid);
      main.appendChild(section);
    }
    section.querySelector('.grid').appendChild(panelElement(panel));
  }
}

async function showDashboard(state) {
  const generation = ++session.generation;
  const main = $('#dashboard');
  main.removeAttribute('data-range');
  const ctx = { gql, state, range: { from: state.from, to: state.to }, currency: session.currency };
  const isCurrent = () => generation === session.generation;
  await Promise.allSettled(PANELS.map(panel =>
    renderPanel(main.querySelector(`[data-panel="${panel.id}"]`), panel, ctx, isCurrent)));
  if (isCurrent()) {
    main.dataset.range = nav.rangeKey(state);
  }
}

// ------------------------------------------------------------------ routing

async function show() {
  if (!session.token) {
    return;
  }
  const r = nav.route();
  const problem = nav.problemWith(r.state);
  await fillToolbar(r.state);
  $('#toolbar-error').textContent = problem || '';
  const customerPage = r.page === 'customer';
  $('#dashboard').hidden = customerPage;
  $('#customer-360').hidden = !customerPage;
  if (problem) {
    return;
  }
  if (customerPage) {
    session.generation++;
    showCustomer(r.customerId, { gql, state: r.state, currency: session.currency,
      back: nav.dashboardHash(r.state) });
  } else {
    showDashboard(r.state);
  }
}

function openCustomer(event) {
  if (event.key !== 'Enter') {
    return;
  }
  event.preventDefault();
  const id = $('#customer-search').value.trim();
  if (id) {
    location.hash = nav.customerHash(id, nav.route().state);
  }
}

// ------------------------------------------------------------------ start

/** After the single sign-on round trip (/sso/login sends the browser to /#sso): the session's access token. */
async function signInFromSso() {
  history.replaceState(null, '', location.pathname + location.search + '#/dashboard');
  try {
    const response = await fetch('/sso/token', { headers: { 'X-Requested-With': 'JavaScript' }, credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    const body = await response.json();
    auth.rememberSso();
    session.sso = true;
    signIn(body.accessToken, true);
  } catch (e) {
    signOut('Single sign-on did not complete (' + e.message + '). Try again, or paste a token.');
  }
}

async function offerSso() {
  try {
    const response = await fetch('/dashboard/config.json');
    $('#sso').hidden = !(response.ok && (await response.json()).sso);
  } catch (e) {
    $('#sso').hidden = true;
  }
}

function start() {
  buildPanels();
  offerSso();
  session.sso = auth.usedSso();
  $('#login').addEventListener('submit', e => {
    e.preventDefault();
    signIn($('#token').value.trim().replace(/^Bearer\s+/i, ''), true);
  });
  $('#sign-out').addEventListener('click', () => signOut(''));
  $('#toolbar').addEventListener('submit', apply);
  $('#dimension').addEventListener('change', () => fillDimensionValues($('#dimension').value, toolbarState()));
  $('#preset').addEventListener('change', () => {
    if ($('#preset').value) {
      const range = nav.presetRange($('#preset').value);
      $('#from').value = range.from;
      $('#to').value = range.to;
    }
  });
  for (const id of ['#from', '#to']) {
    $(id).addEventListener('input', () => { $('#preset').value = ''; });
  }
  $('#customer-search').addEventListener('keydown', openCustomer);
  window.addEventListener('hashchange', () => {
    const fragment = auth.takeTokenFromFragment();
    if (fragment) {
      signIn(fragment, true);
    } else {
      show();
    }
  });
  if (location.hash === '#sso') {
    signInFromSso();
    return;
  }
  const token = auth.takeTokenFromFragment() || auth.storedToken();
  if (token) {
    signIn(token, false);
  } else {
    signOut('');
  }
}

start();
