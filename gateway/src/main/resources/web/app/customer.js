// Customer 360: everything the four services know about one customer, through the gateway's Customer entity, plus
// where the customer stands in the churn-risk ranking.
import { panelElement, renderPanel } from './panel-view.js';
import { COLORS, timeChart, valueAxis } from './charts.js';
import { formatCompactMoney, formatMoney, formatPercent, num } from './format.js';
import { addDays } from './state.js';

const $ = selector => document.querySelector(selector);
let generation = 0;

function text(id, value) {
  const el = $(id);
  el.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
  return el;
}

export async function showCustomer(id, ctx) {
  const mine = ++generation;
  const page = $('#customer-360');
  page.dataset.customer = id;
  page.dataset.state = 'loading';
  $('#back-to-dashboard').href = ctx.back;
  $('#c360-id').textContent = id;
  $('#c360-errors').replaceChildren();
  const asOf = addDays(ctx.state.to, -1);
  let answer;
  try {
    answer = await ctx.gql(`query($id: ID!, $asOf: Date, $range: DateRangeInput, $risk: Date) {
      customer(id: $id) { id
        revenue(asOf: $asOf) { name mrr { amount currency } channel country segment firstPaymentDay churnedOn
          movements { day kind planCode delta { amount currency } fromMrr { amount } toMrr { amount currency } } }
        retention(asOf: $asOf) { planCode paying latestNpsScore churns reactivations daysToOnboard
          activity { activeDaysLast30 activeUsersLast30 lastActiveDay } npsResponses { respondedAt score comment } }
        acquisition { channel campaign firstPaymentDay }
        support(range: $range, granularity: MONTH) { openTickets csat { value numerator denominator }
          ticketVolume { period { start end } tickets } } }
      churnRisk(asOf: $risk, first: 500) { customers { customerId rank score signals { kind detail } } } }`,
    { id, asOf, range: { from: ctx.state.from, to: ctx.state.to }, risk: ctx.state.to }, { partial: true });
  } catch (e) {
    if (mine === generation) {
      fail(page, e.message);
    }
    return;
  }
  if (mine !== generation) {
    return;
  }
  const c = answer.data.customer;
  if (!c) {
    fail(page, answer.errors.length ? answer.errors.map(e => e.message).join('; ')
      : 'The tenant has no customer "' + id + '".');
    return;
  }
  for (const e of answer.errors) {
    const li = document.createElement('li');
    li.textContent = ((e.extensions && e.extensions.code) || 'ERROR') + ': ' + e.message;
    $('#c360-errors').appendChild(li);
  }
  const revenue = c.revenue || {};
  const retention = c.retention || {};
  const acquisition = c.acquisition || {};
  const support = c.support || {};
  const currency = revenue.mrr ? revenue.mrr.currency : ctx.currency;
  text('#c360-name', revenue.name || id);
  text('#c360-mrr', revenue.mrr ? formatMoney(revenue.mrr.amount, currency) : null).dataset.value =
    revenue.mrr ? revenue.mrr.amount : '';
  text('#c360-currency', currency);
  text('#c360-asof', asOf);
  text('#c360-plan', retention.planCode);
  text('#c360-status', retention.paying === undefined ? null : retention.paying ? 'paying' : revenue.churnedOn
    ? 'churned on ' + revenue.churnedOn : 'not paying');
  text('#c360-channel', revenue.channel || acquisition.channel);
  text('#c360-campaign', acquisition.campaign);
  text('#c360-country', revenue.country);
  text('#c360-segment', revenue.segment);
  text('#c360-first-payment', revenue.firstPaymentDay);
  text('#c360-open-tickets', support.openTickets);
  text('#c360-csat', support.csat ? (support.csat.value === null ? null : formatPercent(support.csat.value) + ' of '
    + support.csat.denominator) : null).dataset.value = support.csat && support.csat.value !== null ? support.csat.value : '';
  text('#c360-nps', retention.latestNpsScore);
  text('#c360-activity', retention.activity ? retention.activity.activeDaysLast30 + ' active days, '
    + retention.activity.activeUsersLast30 + ' users in the last 30 days' : null);
  const risk = answer.data.churnRisk ? answer.data.churnRisk.customers.find(r => r.customerId === id) : null;
  text('#c360-risk', risk ? 'score ' + risk.score + ' (rank ' + risk.rank + '): '
    + risk.signals.map(s => s.detail).join('; ') : answer.data.churnRisk ? 'no churn-risk signal' : null);

  const panels = $('#c360-panels');
  panels.replaceChildren();
  const movements = revenue.movements || [];
  const mrrPanel = {
    id: 'customer-mrr', title: 'MRR history', wide: true,
    load: async () => {
      const rows = movements.map(m => ({ key: m.day, currency: m.toMrr.currency, values: { kind: m.kind,
        plan: m.planCode, delta: m.delta.amount, mrr: m.toMrr.amount } }));
      return {
        keyName: 'day', keyLabel: 'Day', currency, rows,
        columns: [{ key: 'kind', label: 'Movement', kind: 'text' }, { key: 'plan', label: 'Plan', kind: 'text' },
          { key: 'delta', label: 'Change', kind: 'money' }, { key: 'mrr', label: 'MRR after', kind: 'money' }],
        chart: {
          ...timeChart(null, [{ name: 'MRR', type: 'line', step: 'end', itemStyle: { color: COLORS.primary },
            tooltip: { valueFormatter: v => formatMoney(v, currency) },
            data: rows.map(r => [r.key, num(r.values.mrr)]).concat(rows.length ? [[asOf, num(revenue.mrr.amount)]] : []) }],
          valueAxis(v => formatCompactMoney(v, currency))),
          xAxis: { type: 'time' }
        }
      };
    }
  };
  const ticketsPanel = {
    id: 'customer-tickets', title: 'Tickets created',
    load: async () => {
      const rows = (support.ticketVolume || []).map(p => ({ key: p.period.start, period: p.period,
        values: { tickets: p.tickets } }));
      return {
        rows, columns: [{ key: 'tickets', label: 'Tickets', kind: 'int' }],
        chart: timeChart(rows.map(r => r.key.slice(0, 7)), [{ name: 'Tickets', type: 'bar',
          itemStyle: { color: COLORS.muted }, data: rows.map(r => num(r.values.tickets)) }], valueAxis(v => v, { minInterval: 1 }))
      };
    }
  };
  const npsPanel = {
    id: 'customer-nps', title: 'NPS responses', chartless: true,
    load: async () => ({
      keyName: 'responded_at', keyLabel: 'Responded', rows: (retention.npsResponses || []).map(r => ({ key: r.respondedAt,
        values: { score: r.score, comment: r.comment } })),
      columns: [{ key: 'score', label: 'Score', kind: 'int' }, { key: 'comment', label: 'Comment', kind: 'text' }]
    })
  };
  const panelCtx = { state: ctx.state, currency };
  await Promise.all([mrrPanel, ticketsPanel, npsPanel].map(panel => {
    const el = panelElement(panel);
    panels.appendChild(el);
    return renderPanel(el, panel, panelCtx, () => mine === generation);
  }));
  if (mine === generation) {
    page.dataset.state = 'ready';
  }
}

function fail(page, message) {
  text('#c360-name', 'Customer not found');
  for (const id of ['#c360-mrr', '#c360-csat']) {
    $(id).dataset.value = '';
  }
  const li = document.createElement('li');
  li.textContent = message;
  $('#c360-errors').replaceChildren(li);
  $('#c360-panels').replaceChildren();
  page.dataset.state = 'error';
}
