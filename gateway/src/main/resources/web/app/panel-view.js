// How a panel is drawn: its frame, its table, its chart, its CSV button and its state for tests and screen readers.
import { renderTable, kpiKind, kpiLabel } from './table.js';
import { format } from './format.js';
import { toCsv, download } from './csv.js';
import { draw, clear } from './charts.js';
import * as nav from './state.js';

const $ = selector => document.querySelector(selector);

export function panelElement(panel) {
  const el = document.createElement('section');
  el.className = 'panel' + (panel.wide ? ' wide' : '');
  el.dataset.panel = panel.id;
  el.dataset.state = 'loading';
  el.innerHTML = `<header><h3></h3><span class="note"></span><button class="csv" type="button" disabled
      title="Download this panel's data as CSV">CSV</button></header>
    <p class="panel-error" hidden></p>
    <p class="panel-empty" hidden>No data in this range.</p>
    ${panel.chartless ? '' : '<div class="chart" role="img"></div>'}
    ${panel.id === 'scorecard' ? '<ul id="alerts" class="alerts"></ul>' : ''}
    <details class="table-wrap"${panel.chartless ? ' open' : ''}><summary>Data</summary>
      <div class="scroll"><table class="data"></table></div></details>`;
  el.querySelector('h3').textContent = panel.title;
  if (panel.id === 'scorecard') {
    el.querySelector('table').id = 'scorecard';
    const period = document.createElement('span');
    period.id = 'scorecard-period';
    el.querySelector('header').insertBefore(period, el.querySelector('.note'));
  }
  if (!panel.chartless) {
    el.querySelector('.chart').setAttribute('aria-label', panel.title);
  }
  return el;
}

/** The panel and the toolbar's state: mrr-arr_2025-07-01_2026-07-01_month[_plan-pro-monthly].csv */
export function csvName(id, state) {
  const filter = state.dimension && state.value
    ? '_' + state.dimension.toLowerCase() + '-' + state.value.replace(/[^A-Za-z0-9._-]+/g, '-') : '';
  return id + '_' + state.from + '_' + state.to + '_' + state.granularity.toLowerCase() + filter + '.csv';
}

/**
 * A service that did not answer in time (UPSTREAM_UNAVAILABLE: cold after a start, or catching up with revenue's
 * change feed) is asked once more after a pause; any other error is shown at once, with a Retry button.
 */
async function loadRetryingOnce(panel, ctx, isCurrent) {
  try {
    return await panel.load(ctx);
  } catch (e) {
    if (e.code !== 'UPSTREAM_UNAVAILABLE' || !isCurrent()) {
      throw e;
    }
    await new Promise(resolve => setTimeout(resolve, 1500));
    return panel.load(ctx);
  }
}

export async function renderPanel(el, panel, ctx, isCurrent) {
  el.dataset.state = 'loading';
  const error = el.querySelector('.panel-error');
  const csv = el.querySelector('button.csv');
  csv.disabled = true;
  try {
    const table = await loadRetryingOnce(panel, ctx, isCurrent);
    if (!isCurrent()) {
      return;
    }
    table.currency = table.currency || ctx.currency;
    error.hidden = true;
    el.querySelector('.note').textContent = table.note || '';
    renderTable(el.querySelector('table.data'), table, ctx.state.granularity,
      id => nav.customerHash(id, ctx.state));
    const chart = el.querySelector('.chart');
    if (chart) {
      if (table.chart && table.rows.length) {
        chart.hidden = false;
        draw(chart, table.chart);
      } else {
        clear(chart);
        chart.hidden = true;
      }
    }
    if (table.scorecard) {
      renderScorecardExtras(table.scorecard, table.currency);
    }
    csv.onclick = () => download(csvName(panel.id, ctx.state), toCsv(table));
    csv.disabled = false;
    el.querySelector('.panel-empty').hidden = table.rows.length > 0;
    el.dataset.state = table.rows.length ? 'ready' : 'empty';
  } catch (e) {
    if (!isCurrent()) {
      return;
    }
    error.textContent = e.message + ' ';
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'retry';
    retry.textContent = 'Retry';
    retry.onclick = () => renderPanel(el, panel, ctx, isCurrent);
    error.appendChild(retry);
    error.hidden = false;
    el.querySelector('.panel-empty').hidden = true;
    el.dataset.state = 'error';
  }
}

const COMPARISON = { GT: 'above', GTE: 'at or above', LT: 'below', LTE: 'at or below' };

function renderScorecardExtras(card, currency) {
  $('#scorecard-period').textContent = card.period.start + ' – ' + card.period.end;
  const list = $('#alerts');
  list.replaceChildren();
  for (const alert of card.alerts) {
    const li = document.createElement('li');
    li.dataset.rule = alert.rule.externalId;
    const kind = kpiKind(alert.rule.kpi);
    li.textContent = kpiLabel(alert.rule.kpi) + ' ' + format(kind, alert.actual, currency) + ': the rule says '
      + COMPARISON[alert.rule.comparison] + ' ' + format(kind, alert.rule.threshold, currency);
    li.title = alert.message;
    list.appendChild(li);
  }
  list.hidden = card.alerts.length === 0;
}

