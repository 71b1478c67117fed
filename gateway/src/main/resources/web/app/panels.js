// Every panel of the dashboard: what it asks the gateway, the rows of its table (also its CSV) and its chart.
// A panel's load(ctx) returns { keyName, columns, rows, currency, chart, note }; a row is { key, period?, currency?,
// values: { column: raw decimal text } }.
import { COLORS, timeChart, valueAxis, heatmap, funnel, horizontalBars } from './charts.js';
import { kpiKind } from './table.js';
import { formatCompactMoney, formatHours, formatMoney, formatNumber, formatPercent, num, periodLabel } from './format.js';

const FILTER_FIELD = { PLAN: 'plans', CHANNEL: 'channels', COUNTRY: 'countries' };

/** The filter for services that split by plan, channel and country (revenue, retention, unit economics). */
function customerFilter(state) {
  return state.dimension && state.value ? { [FILTER_FIELD[state.dimension]]: [state.value] } : null;
}

/** Acquisition attributes spend and funnel to channels only. */
function channelFilter(state) {
  return state.dimension === 'CHANNEL' && state.value ? { channels: [state.value] } : null;
}

function notFiltered(state, what) {
  return state.dimension && state.value ? 'Not filtered by ' + state.dimension.toLowerCase() + ': ' + what : null;
}

/** A series' tooltip values formatted like its table (ECharts would show the raw number). */
function tip(format) {
  return { tooltip: { valueFormatter: v => v === null || v === undefined || Number.isNaN(v) ? '—' : format(v) } };
}

function neg(raw) {
  if (raw === null || raw === undefined || Number(raw) === 0) {
    return raw;
  }
  return raw.startsWith('-') ? raw.slice(1) : '-' + raw;
}

function ratioValue(ratio) {
  return ratio ? ratio.value : null;
}

function sum(values) {
  return values.reduce((a, b) => a + (num(b) || 0), 0);
}

/** Exact decimal text of a / b with up to 10 decimals (as the services round ratios), null when b is 0. */
function divide(a, b, decimals = 10) {
  if (!b) {
    return null;
  }
  return String(Number((a / b).toFixed(decimals)));
}

function labels(rows, ctx) {
  return rows.map(r => periodLabel(r.period.start, ctx.state.granularity));
}

const PERIOD = 'period { start end }';

/** The unit of a scorecard KPI's figures: the reporting currency for money, else what the number is. */
function kpiUnit(kpi, currency) {
  switch (kpiKind(kpi)) {
    case 'money': return currency;
    case 'ratio': return 'ratio';
    case 'hours': return 'business hours';
    case 'months': return 'months';
    case 'multiple': return 'multiple';
    default: return 'number';
  }
}

export const PANELS = [
  {
    id: 'scorecard', title: 'Scorecard', section: 'Overview', wide: true, chartless: true,
    async load(ctx) {
      const frequency = { WEEK: 'WEEKLY', QUARTER: 'QUARTERLY' }[ctx.state.granularity] || 'MONTHLY';
      const data = await ctx.gql(`query($asOf: Date, $f: ReviewFrequency) {
        scorecard(frequency: $f, asOf: $asOf) { period { start end }
          entries { kpi actual previous change improving status reason target { value direction } gap }
          alerts { rule { externalId kpi comparison threshold } actual message } } }`,
      { asOf: ctx.state.to, f: frequency });
      const card = data.scorecard;
      return {
        keyName: 'kpi', keyLabel: 'KPI', currency: ctx.currency, scorecard: card,
        columns: [
          { key: 'actual', label: 'Actual', kind: 'kpi' },
          { key: 'target', label: 'Target', kind: 'kpi' },
          { key: 'previous', label: 'Previous', kind: 'kpi' },
          { key: 'change', label: 'Trend', kind: 'trend' },
          { key: 'status', label: 'Status', kind: 'status' },
          { key: 'unit', label: 'Unit', kind: 'text', csvOnly: true }
        ],
        rows: card.entries.map(e => ({
          key: e.kpi, period: card.period, reason: e.reason, improving: e.improving,
          values: { actual: e.actual, target: e.target ? e.target.value : null, previous: e.previous, change: e.change,
            status: e.status, unit: kpiUnit(e.kpi, ctx.currency) }
        })),
        note: frequency.toLowerCase() + ' review: the last complete ' + { MONTHLY: 'month', WEEKLY: 'week',
          QUARTERLY: 'quarter' }[frequency] + ' before ' + ctx.state.to + ', against the one before'
          + (ctx.state.dimension ? '; always the whole company' : '')
      };
    }
  },
  {
    id: 'mrr-movements', title: 'MRR movements', section: 'Revenue',
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!, $g: Granularity!, $f: RevenueFilterInput) {
        mrrSeries(range: $range, granularity: $g, filter: $f) { ${PERIOD} newMrr { amount currency }
          expansionMrr { amount } contractionMrr { amount } churnMrr { amount } reactivationMrr { amount } netNewMrr { amount } } }`,
      { range: ctx.range, g: ctx.state.granularity, f: customerFilter(ctx.state) });
      const rows = data.mrrSeries.map(p => ({
        key: p.period.start, period: p.period, currency: p.newMrr.currency,
        values: { new: p.newMrr.amount, expansion: p.expansionMrr.amount, reactivation: p.reactivationMrr.amount,
          contraction: neg(p.contractionMrr.amount), churn: neg(p.churnMrr.amount), netNew: p.netNewMrr.amount }
      }));
      const currency = rows.length ? rows[0].currency : ctx.currency;
      const money = tip(v => formatMoney(v, currency));
      const bar = (key, name) => ({ name, type: 'bar', stack: 'movements', itemStyle: { color: COLORS[key] }, ...money,
        data: rows.map(r => num(r.values[key])) });
      return {
        currency, rows,
        columns: ['new', 'expansion', 'reactivation', 'contraction', 'churn', 'netNew'].map(key => ({ key,
          label: { netNew: 'Net new', new: 'New' }[key] || key[0].toUpperCase() + key.slice(1), kind: 'money' })),
        chart: timeChart(labels(rows, ctx), [
          bar('new', 'New'), bar('expansion', 'Expansion'), bar('reactivation', 'Reactivation'),
          bar('contraction', 'Contraction'), bar('churn', 'Churn'),
          { name: 'Net new MRR', type: 'line', itemStyle: { color: COLORS.net }, lineStyle: { width: 2 }, ...money,
            data: rows.map(r => num(r.values.netNew)) }
        ], valueAxis(v => formatCompactMoney(v, currency)))
      };
    }
  },
  {
    id: 'mrr-arr', title: 'MRR and ARR', section: 'Revenue',
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!, $g: Granularity!, $f: RevenueFilterInput) {
        mrrSeries(range: $range, granularity: $g, filter: $f) { ${PERIOD} mrrEnd { amount currency } arr { amount }
          payingCustomersEnd arpa { value } } }`,
      { range: ctx.range, g: ctx.state.granularity, f: customerFilter(ctx.state) });
      const rows = data.mrrSeries.map(p => ({
        key: p.period.start, period: p.period, currency: p.mrrEnd.currency,
        values: { mrr: p.mrrEnd.amount, arr: p.arr.amount, payingCustomers: p.payingCustomersEnd, arpa: p.arpa.value }
      }));
      const currency = rows.length ? rows[0].currency : ctx.currency;
      return {
        currency, rows,
        columns: [
          { key: 'mrr', label: 'MRR (end)', kind: 'money' }, { key: 'arr', label: 'ARR', kind: 'money' },
          { key: 'payingCustomers', label: 'Paying customers', kind: 'int', csv: 'paying_customers' },
          { key: 'arpa', label: 'ARPA', kind: 'money' }
        ],
        chart: timeChart(labels(rows, ctx), [
          { name: 'MRR', type: 'bar', itemStyle: { color: COLORS.primary }, ...tip(v => formatMoney(v, currency)),
            data: rows.map(r => num(r.values.mrr)) },
          { name: 'ARR', type: 'line', yAxisIndex: 1, itemStyle: { color: COLORS.secondary }, ...tip(v => formatMoney(v, currency)),
            data: rows.map(r => num(r.values.arr)) }
        ], [valueAxis(v => formatCompactMoney(v, currency), { name: 'MRR' }),
          valueAxis(v => formatCompactMoney(v, currency), { name: 'ARR', splitLine: { show: false } })])
      };
    }
  },
  {
    id: 'nrr-grr', title: 'Net and gross revenue retention', section: 'Retention',
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!, $g: Granularity!, $f: RetentionFilterInput) {
        retentionSeries(range: $range, granularity: $g, filter: $f) { ${PERIOD} nrr { value reason } grr { value reason } } }`,
      { range: ctx.range, g: ctx.state.granularity, f: customerFilter(ctx.state) });
      const rows = data.retentionSeries.map(p => ({ key: p.period.start, period: p.period,
        values: { nrr: p.nrr.value, grr: p.grr.value } }));
      return {
        rows,
        columns: [{ key: 'nrr', label: 'NRR', kind: 'ratio' }, { key: 'grr', label: 'GRR', kind: 'ratio' }],
        chart: timeChart(labels(rows, ctx), [
          { name: 'NRR', type: 'line', itemStyle: { color: COLORS.primary }, ...tip(v => formatPercent(v)), data: rows.map(r => num(r.values.nrr)) },
          { name: 'GRR', type: 'line', itemStyle: { color: COLORS.contraction }, ...tip(v => formatPercent(v)), data: rows.map(r => num(r.values.grr)) }
        ], valueAxis(v => formatPercent(v, 0), { scale: true }))
      };
    }
  },
  {
    id: 'logo-churn', title: 'Logo churn', section: 'Retention',
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!, $g: Granularity!, $f: RetentionFilterInput) {
        retentionSeries(range: $range, granularity: $g, filter: $f) { ${PERIOD} logoChurnRate { value }
          churnedCustomers payingCustomersStart } }`,
      { range: ctx.range, g: ctx.state.granularity, f: customerFilter(ctx.state) });
      const rows = data.retentionSeries.map(p => ({ key: p.period.start, period: p.period,
        values: { logoChurnRate: p.logoChurnRate.value, churnedCustomers: p.churnedCustomers,
          payingCustomersStart: p.payingCustomersStart } }));
      return {
        rows,
        columns: [
          { key: 'logoChurnRate', label: 'Logo churn', kind: 'ratio', csv: 'logo_churn_rate' },
          { key: 'churnedCustomers', label: 'Churned', kind: 'int', csv: 'churned_customers' },
          { key: 'payingCustomersStart', label: 'Paying at start', kind: 'int', csv: 'paying_customers_start' }
        ],
        chart: timeChart(labels(rows, ctx), [
          { name: 'Logo churn rate', type: 'bar', itemStyle: { color: COLORS.churn }, ...tip(v => formatPercent(v)),
            data: rows.map(r => num(r.values.logoChurnRate)) },
          { name: 'Churned customers', type: 'line', yAxisIndex: 1, itemStyle: { color: COLORS.net },
            data: rows.map(r => num(r.values.churnedCustomers)) }
        ], [valueAxis(v => formatPercent(v, 0)), valueAxis(v => v, { minInterval: 1, splitLine: { show: false } })])
      };
    }
  },
  {
    id: 'cohorts', title: 'Cohort retention (logos)', section: 'Retention', wide: true,
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!, $f: RetentionFilterInput, $asOf: Date) {
        cohortRetention(cohorts: $range, filter: $f, asOf: $asOf, maxOffset: 24) { maxOffset
          rows { cohort { start end } customers cells { offset logoRetention { value } } } } }`,
      { range: ctx.range, f: customerFilter(ctx.state), asOf: ctx.state.to });
      const table = data.cohortRetention;
      const offsets = Math.max(0, ...table.rows.map(r => r.cells.length ? Math.max(...r.cells.map(c => Number(c.offset))) : 0));
      const columns = [{ key: 'customers', label: 'Customers', kind: 'int' }];
      for (let i = 0; i <= offsets; i++) {
        columns.push({ key: 'm' + i, label: 'M' + i, kind: 'ratio' });
      }
      const rows = table.rows.map(r => {
        const values = { customers: r.customers };
        for (const c of r.cells) {
          values['m' + c.offset] = c.logoRetention.value;
        }
        return { key: r.cohort.start, period: r.cohort, values };
      });
      const cells = [];
      rows.forEach((r, y) => {
        for (let i = 0; i <= offsets; i++) {
          const v = num(r.values['m' + i]);
          if (v !== null) {
            cells.push([i, y, v]);
          }
        }
      });
      return {
        rows, columns, cohortMonths: true,
        note: 'monthly cohorts by first payment, whatever the granularity',
        chart: rows.length ? heatmap([...Array(offsets + 1).keys()].map(String),
          rows.map(r => periodLabel(r.key, 'MONTH')), cells, v => formatPercent(v)) : null
      };
    }
  },
  {
    id: 'funnel', title: 'Acquisition funnel by channel', section: 'Acquisition',
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!, $g: Granularity!, $f: AcquisitionFilterInput) {
        funnel(range: $range, granularity: $g, filter: $f, groupBy: CHANNEL) { group visitors trials convertedTrials
          newPayingCustomers } }`,
      { range: ctx.range, g: ctx.state.granularity, f: channelFilter(ctx.state) });
      const byChannel = new Map();
      for (const p of data.funnel) {
        const key = p.group === null ? '(none)' : p.group;
        const acc = byChannel.get(key) || { visitors: 0, trials: 0, converted: 0, paying: 0 };
        acc.visitors += num(p.visitors); acc.trials += num(p.trials); acc.converted += num(p.convertedTrials);
        acc.paying += num(p.newPayingCustomers);
        byChannel.set(key, acc);
      }
      const rows = [...byChannel.entries()].sort((a, b) => b[1].visitors - a[1].visitors).map(([key, a]) => ({
        key, values: { visitors: String(a.visitors), trials: String(a.trials), newPayingCustomers: String(a.paying),
          visitorToTrialRate: divide(a.trials, a.visitors), trialToPaidRate: divide(a.converted, a.trials) }
      }));
      const total = k => sum(rows.map(r => r.values[k]));
      const visitors = total('visitors'), trials = total('trials'), paying = total('newPayingCustomers');
      return {
        keyName: 'channel', keyLabel: 'Channel', rows, over: { start: ctx.state.from, end: ctx.state.to },
        note: notFiltered(ctx.state, 'acquisition attributes visitors and trials to channels only'),
        columns: [
          { key: 'visitors', label: 'Visitors', kind: 'int' }, { key: 'trials', label: 'Trials', kind: 'int' },
          { key: 'newPayingCustomers', label: 'New paying', kind: 'int', csv: 'new_paying_customers' },
          { key: 'visitorToTrialRate', label: 'Visitor → trial', kind: 'ratio', csv: 'visitor_to_trial_rate' },
          { key: 'trialToPaidRate', label: 'Trial → paid', kind: 'ratio', csv: 'trial_to_paid_rate' }
        ],
        chart: funnel([
          { name: 'Visitors', value: 100, text: formatNumber(visitors) },
          { name: 'Trials', value: 66, text: formatNumber(trials) + ' (' + formatPercent(divide(trials, visitors)) + ')' },
          { name: 'New paying', value: 33, text: formatNumber(paying) + ' (' + formatPercent(divide(paying, trials)) + ' of trials)' }
        ])
      };
    }
  },
  {
    id: 'cac-by-channel', title: 'CAC by channel', section: 'Acquisition',
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!, $g: Granularity!, $f: AcquisitionFilterInput) {
        acquisitionCost(range: $range, granularity: $g, filter: $f, groupBy: CHANNEL) { group blendedSpend { amount currency }
          newPayingCustomers } }`,
      { range: ctx.range, g: ctx.state.granularity, f: channelFilter(ctx.state) });
      const byChannel = new Map();
      let currency = ctx.currency;
      for (const p of data.acquisitionCost) {
        const key = p.group === null ? '(none)' : p.group;
        const acc = byChannel.get(key) || { spend: 0, paying: 0 };
        acc.spend += num(p.blendedSpend.amount); acc.paying += num(p.newPayingCustomers);
        currency = p.blendedSpend.currency;
        byChannel.set(key, acc);
      }
      const rows = [...byChannel.entries()].map(([key, a]) => ({ key, currency,
        values: { spend: a.spend.toFixed(2), newPayingCustomers: String(a.paying), cac: divide(a.spend, a.paying, 2) } }))
        .sort((a, b) => (num(b.values.cac) || 0) - (num(a.values.cac) || 0));
      return {
        keyName: 'channel', keyLabel: 'Channel', currency, rows, over: { start: ctx.state.from, end: ctx.state.to },
        note: notFiltered(ctx.state, 'spend is attributed to channels only'),
        columns: [
          { key: 'spend', label: 'Spend', kind: 'money' },
          { key: 'newPayingCustomers', label: 'New paying', kind: 'int', csv: 'new_paying_customers' },
          { key: 'cac', label: 'CAC', kind: 'money' }
        ],
        chart: horizontalBars(rows.map(r => r.key), [{ name: 'CAC', type: 'bar', itemStyle: { color: COLORS.secondary },
          ...tip(v => formatMoney(v, currency)),
          data: rows.map(r => num(r.values.cac)) }], v => formatCompactMoney(v, currency))
      };
    }
  },
  {
    id: 'unit-economics', title: 'LTV:CAC and CAC payback', section: 'Acquisition',
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!, $g: Granularity!, $f: UnitEconomicsFilterInput) {
        unitEconomics(range: $range, granularity: $g, filter: $f) { ${PERIOD} currency ltv { value reason }
          ltvToCac { value reason } cacPaybackMonths { value reason } } }`,
      { range: ctx.range, g: ctx.state.granularity, f: customerFilter(ctx.state) });
      const rows = data.unitEconomics.map(p => ({ key: p.period.start, period: p.period, currency: p.currency,
        reasons: { ltv: p.ltv.reason, ltvToCac: p.ltvToCac.reason, cacPaybackMonths: p.cacPaybackMonths.reason },
        values: { ltv: p.ltv.value, ltvToCac: p.ltvToCac.value, cacPaybackMonths: p.cacPaybackMonths.value } }));
      const reasons = [...new Set(rows.flatMap(r => Object.values(r.reasons)).filter(Boolean))];
      return {
        rows, currency: rows.length ? rows[0].currency : ctx.currency,
        note: reasons.length ? 'Some figures cannot be computed: ' + reasons.join('; ') : null,
        columns: [
          { key: 'ltv', label: 'LTV', kind: 'money' },
          { key: 'ltvToCac', label: 'LTV:CAC', kind: 'multiple', csv: 'ltv_to_cac' },
          { key: 'cacPaybackMonths', label: 'CAC payback', kind: 'months', csv: 'cac_payback_months' }
        ],
        chart: timeChart(labels(rows, ctx), [
          { name: 'LTV:CAC', type: 'line', itemStyle: { color: COLORS.primary }, ...tip(v => formatNumber(v, 2) + '×'), data: rows.map(r => num(r.values.ltvToCac)),
            markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: COLORS.new }, data: [{ yAxis: 3 }],
              label: { formatter: '3× healthy' } } },
          { name: 'CAC payback (months)', type: 'bar', yAxisIndex: 1, itemStyle: { color: COLORS.muted, opacity: 0.6 },
            ...tip(v => formatNumber(v, 1) + ' mo'),
            data: rows.map(r => num(r.values.cacPaybackMonths)) }
        ], [valueAxis(v => v + '×'), valueAxis(v => v + ' mo', { splitLine: { show: false } })])
      };
    }
  },
  {
    id: 'support-times', title: 'First response and resolution (business hours, median)', section: 'Support',
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!, $g: Granularity!) {
        firstResponseTime(range: $range, granularity: $g) { ${PERIOD} tickets businessHours { median } }
        resolutionTime(range: $range, granularity: $g) { ${PERIOD} tickets businessHours { median } } }`,
      { range: ctx.range, g: ctx.state.granularity });
      const resolution = new Map(data.resolutionTime.map(p => [p.period.start, p]));
      const rows = data.firstResponseTime.map(p => {
        const r = resolution.get(p.period.start);
        return { key: p.period.start, period: p.period, values: {
          firstResponseMedian: p.businessHours.median, resolutionMedian: r ? r.businessHours.median : null,
          tickets: p.tickets } };
      });
      return {
        rows,
        note: notFiltered(ctx.state, 'support tickets are not split by plan, channel or country'),
        columns: [
          { key: 'firstResponseMedian', label: 'First response', kind: 'hours', csv: 'first_response_median_business_hours' },
          { key: 'resolutionMedian', label: 'Resolution', kind: 'hours', csv: 'resolution_median_business_hours' },
          { key: 'tickets', label: 'Tickets answered', kind: 'int', csv: 'tickets_first_answered' }
        ],
        chart: timeChart(labels(rows, ctx), [
          { name: 'First response', type: 'line', itemStyle: { color: COLORS.primary }, ...tip(formatHours), data: rows.map(r => num(r.values.firstResponseMedian)) },
          { name: 'Resolution', type: 'line', itemStyle: { color: COLORS.secondary }, ...tip(formatHours), data: rows.map(r => num(r.values.resolutionMedian)) }
        ], valueAxis(v => formatHours(v)))
      };
    }
  },
  {
    id: 'csat', title: 'CSAT and ticket volume', section: 'Support',
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!, $g: Granularity!) {
        supportSeries(range: $range, granularity: $g) { ${PERIOD} csat { value } ticketsCreated ticketsResolved } }`,
      { range: ctx.range, g: ctx.state.granularity });
      const rows = data.supportSeries.map(p => ({ key: p.period.start, period: p.period,
        values: { csat: p.csat.value, ticketsCreated: p.ticketsCreated, ticketsResolved: p.ticketsResolved } }));
      return {
        rows,
        note: notFiltered(ctx.state, 'support tickets are not split by plan, channel or country'),
        columns: [
          { key: 'csat', label: 'CSAT', kind: 'ratio' },
          { key: 'ticketsCreated', label: 'Created', kind: 'int', csv: 'tickets_created' },
          { key: 'ticketsResolved', label: 'Resolved', kind: 'int', csv: 'tickets_resolved' }
        ],
        chart: timeChart(labels(rows, ctx), [
          { name: 'Tickets created', type: 'bar', yAxisIndex: 1, itemStyle: { color: COLORS.muted, opacity: 0.5 },
            data: rows.map(r => num(r.values.ticketsCreated)) },
          { name: 'CSAT', type: 'line', itemStyle: { color: COLORS.new }, ...tip(v => formatPercent(v)), data: rows.map(r => num(r.values.csat)) }
        ], [valueAxis(v => formatPercent(v, 0), { min: 0, max: 1 }), valueAxis(v => v, { splitLine: { show: false } })])
      };
    }
  },
  {
    id: 'agent-load', title: 'Agent load (tickets resolved per working day)', section: 'Support',
    async load(ctx) {
      const data = await ctx.gql(`query($range: DateRangeInput!) {
        agentResolutionRates(range: $range) { agentId name teamId resolved workingDays resolvedPerWorkingDay { value } }
        teamResolutionRates(range: $range) { teamId name meanResolvedPerAgentPerWorkingDay { value } } }`,
      { range: ctx.range });
      const rows = data.agentResolutionRates.map(a => ({ key: a.agentId, values: { name: a.name, team: a.teamId,
        resolved: a.resolved, workingDays: a.workingDays, resolvedPerWorkingDay: a.resolvedPerWorkingDay.value } }));
      const means = data.teamResolutionRates.filter(t => t.meanResolvedPerAgentPerWorkingDay.value !== null)
        .map(t => (t.name || t.teamId) + ' ' + formatNumber(t.meanResolvedPerAgentPerWorkingDay.value, 2));
      return {
        keyName: 'agent_id', keyLabel: 'Agent id', rows, over: { start: ctx.state.from, end: ctx.state.to },
        note: [means.length ? 'team means: ' + means.join(', ') : null,
          notFiltered(ctx.state, 'support tickets are not split by plan, channel or country')].filter(Boolean).join('; '),
        columns: [
          { key: 'name', label: 'Agent', kind: 'text' }, { key: 'team', label: 'Team', kind: 'text' },
          { key: 'resolved', label: 'Resolved', kind: 'int' },
          { key: 'workingDays', label: 'Working days', kind: 'int', csv: 'working_days' },
          { key: 'resolvedPerWorkingDay', label: 'Per working day', kind: 'decimal', csv: 'resolved_per_working_day' }
        ],
        chart: horizontalBars(rows.map(r => r.values.name || r.key), [{ name: 'Resolved per working day', type: 'bar',
          itemStyle: { color: COLORS.primary }, ...tip(v => formatNumber(v, 2)),
          data: rows.map(r => num(r.values.resolvedPerWorkingDay)) }], v => v)
      };
    }
  },
  {
    id: 'churn-risk', title: 'Churn risk', section: 'Customers', wide: true, chartless: true,
    async load(ctx) {
      const data = await ctx.gql(`query($asOf: Date) { churnRisk(asOf: $asOf, first: 25) { asOf atRisk
        customers { rank customerId name mrr { amount currency } score signals { kind detail } } } }`,
      { asOf: ctx.state.to });
      const risk = data.churnRisk;
      const rows = risk.customers.map(c => ({ key: c.customerId, currency: c.mrr ? c.mrr.currency : null, link: true,
        values: { rank: c.rank, name: c.name, mrr: c.mrr ? c.mrr.amount : null, score: c.score,
          signals: c.signals.map(s => s.kind + ': ' + s.detail).join('; ') } }));
      return {
        keyName: 'customer_id', keyLabel: 'Customer id', rows, asOf: risk.asOf, currency: ctx.currency,
        note: risk.atRisk + ' paying customers with a signal at ' + risk.asOf + (risk.atRisk > rows.length
          ? ', the ' + rows.length + ' riskiest shown' : '') + (ctx.state.dimension ? '; not filtered' : ''),
        columns: [
          { key: 'rank', label: 'Rank', kind: 'int' }, { key: 'name', label: 'Customer', kind: 'text' },
          { key: 'mrr', label: 'MRR', kind: 'money' }, { key: 'score', label: 'Score', kind: 'int' },
          { key: 'signals', label: 'Signals', kind: 'text' }
        ]
      };
    }
  }
];
