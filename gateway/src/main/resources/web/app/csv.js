// CSV export of a panel's rows: RFC 4180 quoting, a header row, the half-open period boundaries of every point of a
// time series and the currency of every money figure, raw decimals (no grouping, no percent signs).

function cell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** Column names in snake_case: netNew becomes net_new. */
function snake(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function toCsv(table) {
  const timeSeries = table.rows.some(r => r.period);
  const keyed = !timeSeries || table.scorecard;
  const hasMoney = table.columns.some(c => c.kind === 'money');
  // a table aggregated over the whole range (by channel, by agent) carries that range as its period
  const over = !timeSeries && table.over ? table.over : null;
  const header = timeSeries || over ? ['period_start', 'period_end_exclusive'] : [];
  if (table.asOf) {
    header.push('as_of');
  }
  if (keyed) {
    header.push(table.keyName || 'key');
  }
  if (hasMoney) {
    header.push('currency');
  }
  for (const c of table.columns) {
    header.push(c.csv || snake(c.key));
  }
  const lines = [header.map(cell).join(',')];
  for (const row of table.rows) {
    const out = timeSeries ? [row.period.start, row.period.end] : over ? [over.start, over.end] : [];
    if (table.asOf) {
      out.push(table.asOf);
    }
    if (keyed) {
      out.push(row.key);
    }
    if (hasMoney) {
      out.push(row.currency || table.currency || '');
    }
    for (const c of table.columns) {
      out.push(row.values[c.key]);
    }
    lines.push(out.map(cell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function download(fileName, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
