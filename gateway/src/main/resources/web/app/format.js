// Display formatting. Tables and CSV files keep the raw decimals; only what a person reads is formatted here.

const locale = navigator.language || 'en-US';
const money = new Map();

export function isNull(raw) {
  return raw === null || raw === undefined || raw === '';
}

export function num(raw) {
  return isNull(raw) ? null : Number(raw);
}

export function formatMoney(raw, currency) {
  if (isNull(raw)) {
    return '—';
  }
  const key = currency || 'XXX';
  if (!money.has(key)) {
    money.set(key, currency
      ? new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2, minimumFractionDigits: 2 })
      : new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 }));
  }
  return money.get(key).format(Number(raw));
}

export function formatCompactMoney(value, currency) {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'USD', notation: 'compact',
    maximumFractionDigits: 1 }).format(value);
}

export function formatPercent(raw, digits = 1) {
  return isNull(raw) ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits,
    minimumFractionDigits: digits }).format(Number(raw));
}

export function formatNumber(raw, digits = 0) {
  return isNull(raw) ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: digits,
    minimumFractionDigits: digits }).format(Number(raw));
}

export function formatHours(raw) {
  return isNull(raw) ? '—' : formatNumber(raw, 1) + ' h';
}

export function formatMultiple(raw) {
  return isNull(raw) ? '—' : formatNumber(raw, 2) + '×';
}

export function formatMonths(raw) {
  return isNull(raw) ? '—' : formatNumber(raw, 1) + ' mo';
}

/** Formats a raw value by column kind. */
export function format(kind, raw, currency) {
  switch (kind) {
    case 'money': return formatMoney(raw, currency);
    case 'ratio': return formatPercent(raw);
    case 'int': return formatNumber(raw);
    case 'decimal': return formatNumber(raw, 2);
    case 'hours': return formatHours(raw);
    case 'multiple': return formatMultiple(raw);
    case 'months': return formatMonths(raw);
    default: return isNull(raw) ? '—' : String(raw);
  }
}

/** "Jul 2025", "2025-W27", "Q3 2025", "2025" or the day, for a half-open period and its granularity. */
export function periodLabel(start, granularity) {
  const d = new Date(start + 'T00:00:00Z');
  switch (granularity) {
    case 'MONTH': return d.toLocaleDateString(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    case 'QUARTER': return 'Q' + (Math.floor(d.getUTCMonth() / 3) + 1) + ' ' + d.getUTCFullYear();
    case 'YEAR': return String(d.getUTCFullYear());
    default: return start;
  }
}
