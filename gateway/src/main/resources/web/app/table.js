// A panel's data table: the same rows as its CSV, formatted for reading, each cell carrying its raw value.
import { format, isNull, periodLabel, formatPercent } from './format.js';

const KPI_KIND = {
  MRR: 'money', ARR: 'money', NET_NEW_MRR: 'money', ARPA: 'money', CAC: 'money', LTV: 'money',
  MRR_GROWTH_RATE: 'ratio', GROSS_MARGIN: 'ratio', LOGO_CHURN: 'ratio', GROSS_MRR_CHURN: 'ratio', NRR: 'ratio',
  GRR: 'ratio', CSAT: 'ratio', NPS: 'decimal', LTV_TO_CAC: 'multiple', MAGIC_NUMBER: 'decimal',
  CAC_PAYBACK_MONTHS: 'months', FIRST_RESPONSE_BUSINESS_HOURS: 'hours', RESOLUTION_BUSINESS_HOURS: 'hours'
};

const KPI_LABEL = {
  MRR: 'MRR', ARR: 'ARR', NET_NEW_MRR: 'Net new MRR', ARPA: 'ARPA', CAC: 'CAC (blended)', LTV: 'LTV',
  MRR_GROWTH_RATE: 'MRR growth', GROSS_MARGIN: 'Gross margin', LOGO_CHURN: 'Logo churn', GROSS_MRR_CHURN: 'Gross MRR churn',
  NRR: 'NRR', GRR: 'GRR', CSAT: 'CSAT', NPS: 'NPS', LTV_TO_CAC: 'LTV:CAC', MAGIC_NUMBER: 'Magic number',
  CAC_PAYBACK_MONTHS: 'CAC payback', FIRST_RESPONSE_BUSINESS_HOURS: 'First response (median, business h)',
  RESOLUTION_BUSINESS_HOURS: 'Resolution (median, business h)'
};

const STATUS_LABEL = { ON_TRACK: 'On track', AT_RISK: 'At risk', OFF_TRACK: 'Off track', NO_TARGET: 'No target',
  UNKNOWN: 'Unknown' };

function td(col, raw, text, title) {
  const cell = document.createElement('td');
  cell.dataset.col = col;
  cell.dataset.value = isNull(raw) ? '' : String(raw);
  cell.textContent = text;
  if (title) {
    cell.title = title;
  }
  return cell;
}

function keyCell(row, table, granularity, linkTo) {
  const th = document.createElement('th');
  th.scope = 'row';
  if (table.scorecard) {
    th.textContent = KPI_LABEL[row.key] || row.key;
  } else if (row.period) {
    th.textContent = periodLabel(row.key, table.cohortMonths ? 'MONTH' : granularity);
    th.title = row.period.start + ' – ' + row.period.end + ' (end exclusive)';
  } else if (row.link) {
    const a = document.createElement('a');
    a.className = 'customer-link';
    a.href = linkTo(row.key);
    a.textContent = row.key;
    th.appendChild(a);
  } else {
    th.textContent = row.key;
  }
  return th;
}

function scorecardCell(column, row, currency) {
  const raw = row.values[column.key];
  const kind = KPI_KIND[row.key] || 'decimal';
  if (column.kind === 'status') {
    const cell = td(column.key, raw, STATUS_LABEL[raw] || raw, row.reason || null);
    cell.dataset.status = raw;
    cell.className = 'status status-' + String(raw).toLowerCase().replace('_', '-');
    return cell;
  }
  if (column.kind === 'trend') {
    if (isNull(raw)) {
      return td(column.key, raw, '—');
    }
    const up = Number(raw) > 0, flat = Number(raw) === 0;
    const arrow = flat ? '→' : up ? '▲' : '▼';
    const shown = kind === 'ratio' ? formatPercent(Math.abs(Number(raw)), 1).replace('%', ' pt') : format(kind, String(Math.abs(Number(raw))), currency);
    const cell = td(column.key, raw, arrow + ' ' + shown);
    cell.className = row.improving === true ? 'trend good' : row.improving === false ? 'trend bad' : 'trend';
    return cell;
  }
  return td(column.key, raw, format(kind, raw, currency), isNull(raw) && column.key === 'actual' ? row.reason : null);
}

export function kpiKind(kpi) {
  return KPI_KIND[kpi] || 'decimal';
}

export function kpiLabel(kpi) {
  return KPI_LABEL[kpi] || kpi;
}

export function renderTable(tableElement, table, granularity, linkTo) {
  const thead = tableElement.tHead || tableElement.createTHead();
  const tbody = tableElement.tBodies[0] || tableElement.createTBody();
  thead.replaceChildren();
  tbody.replaceChildren();
  const head = thead.insertRow();
  const corner = document.createElement('th');
  corner.scope = 'col';
  corner.textContent = table.scorecard ? 'KPI' : table.rows.some(r => r.period) ? (table.cohortMonths ? 'Cohort' : 'Period') : (table.keyLabel || '');
  head.appendChild(corner);
  const columns = table.columns.filter(c => !c.csvOnly);
  for (const c of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c.label;
    head.appendChild(th);
  }
  for (const row of table.rows) {
    const tr = tbody.insertRow();
    tr.dataset.key = row.key;
    tr.appendChild(keyCell(row, table, granularity, linkTo));
    for (const c of columns) {
      if (table.scorecard) {
        tr.appendChild(scorecardCell(c, row, table.currency));
      } else {
        const raw = row.values[c.key];
        const reason = row.reasons ? row.reasons[c.key] : null;
        tr.appendChild(td(c.key, raw, format(c.kind, raw, row.currency || table.currency), isNull(raw) ? reason : null));
      }
    }
  }
}
