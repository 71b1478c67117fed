// The dashboard's state (range, granularity, segment filter) lives in the URL, so a view can be bookmarked and shared:
// #/dashboard?from=2025-07-01&to=2026-07-01&granularity=MONTH&dimension=PLAN&value=pro
// #/customer/<id>?from=...&to=...

export const GRANULARITIES = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
export const DIMENSIONS = ['PLAN', 'CHANNEL', 'COUNTRY'];
const MAX_DAYS = { DAY: 400, WEEK: 366 * 3, MONTH: 366 * 10, QUARTER: 366 * 25, YEAR: 366 * 100 };

export function iso(date) {
  return date.toISOString().slice(0, 10);
}

export function parseDay(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text || '')) {
    return null;
  }
  const d = new Date(text + 'T00:00:00Z');
  return isNaN(d) || iso(d) !== text ? null : d;
}

export function addDays(day, n) {
  const d = parseDay(day);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/**
 * A preset range of complete months before the current one ("12", "6", "3", "24"), or "ytd": from January 1 to the
 * start of the current month (or the whole of January so far in January).
 */
export function presetRange(preset, today = new Date()) {
  const y = today.getFullYear(), m = today.getMonth();
  if (preset === 'ytd') {
    const to = m === 0 ? new Date(Date.UTC(y, 0, today.getDate() + 1)) : new Date(Date.UTC(y, m, 1));
    return { from: iso(new Date(Date.UTC(y, 0, 1))), to: iso(to) };
  }
  const months = Number(preset);
  return { from: iso(new Date(Date.UTC(y, m - months, 1))), to: iso(new Date(Date.UTC(y, m, 1))) };
}

/** The twelve complete months before the current one. */
export function defaultState(today = new Date()) {
  const to = new Date(Date.UTC(today.getFullYear(), today.getMonth(), 1));
  const from = new Date(Date.UTC(today.getFullYear() - 1, today.getMonth(), 1));
  return { from: iso(from), to: iso(to), granularity: 'MONTH', dimension: '', value: '' };
}

export function route(hash = location.hash) {
  const m = /^#\/(dashboard|customer)(?:\/([^?]*))?(?:\?(.*))?$/.exec(hash || '');
  const params = new URLSearchParams(m ? m[3] || '' : '');
  const state = { ...defaultState() };
  for (const key of ['from', 'to', 'granularity', 'dimension', 'value']) {
    if (params.has(key)) {
      state[key] = params.get(key);
    }
  }
  if (!GRANULARITIES.includes(state.granularity)) {
    state.granularity = 'MONTH';
  }
  if (!DIMENSIONS.includes(state.dimension)) {
    state.dimension = '';
    state.value = '';
  }
  return {
    page: m && m[1] === 'customer' && m[2] ? 'customer' : 'dashboard',
    customerId: m && m[1] === 'customer' && m[2] ? decodeURIComponent(m[2]) : null,
    state
  };
}

export function query(state) {
  const p = new URLSearchParams({ from: state.from, to: state.to, granularity: state.granularity });
  if (state.dimension && state.value) {
    p.set('dimension', state.dimension);
    p.set('value', state.value);
  }
  return p.toString();
}

export function dashboardHash(state) {
  return '#/dashboard?' + query(state);
}

export function customerHash(id, state) {
  return '#/customer/' + encodeURIComponent(id) + '?' + query(state);
}

/** Why a state cannot be asked for, or null. */
export function problemWith(state) {
  const from = parseDay(state.from);
  const to = parseDay(state.to);
  if (!from || !to) {
    return 'Pick both dates of the range.';
  }
  if (to <= from) {
    return 'The end of the range must be after its start.';
  }
  const days = (to - from) / 86400000;
  if (days > MAX_DAYS[state.granularity]) {
    return 'Too many ' + state.granularity.toLowerCase() + 's in this range: choose a coarser granularity or a shorter range.';
  }
  if (state.dimension && !state.value) {
    return 'Pick a value for the ' + state.dimension.toLowerCase() + ' filter, or no filter.';
  }
  return null;
}

/** The key main#dashboard carries once every panel of a state has finished. */
export function rangeKey(state) {
  return [state.from, state.to, state.granularity, state.dimension || '', state.dimension ? state.value : ''].join('/');
}
