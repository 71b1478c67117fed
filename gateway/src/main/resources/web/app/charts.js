// Apache ECharts, only the parts the dashboard draws (tree-shaken by the Web Bundler's esbuild), rendered as SVG so
// the charts stay sharp when zoomed and printed.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, HeatmapChart, FunnelChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, MarkLineComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, HeatmapChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent,
  VisualMapComponent, MarkLineComponent, SVGRenderer]);

export const COLORS = {
  new: '#2f9e44', expansion: '#74b816', reactivation: '#1c7ed6', contraction: '#f08c00', churn: '#e03131',
  net: '#212529', primary: '#1c7ed6', secondary: '#7048e8', muted: '#868e96'
};

const charts = new WeakMap();

export function draw(element, option) {
  let chart = charts.get(element);
  if (!chart) {
    chart = echarts.init(element, null, { renderer: 'svg' });
    charts.set(element, chart);
  }
  chart.setOption(option, true);
  return chart;
}

export function clear(element) {
  const chart = charts.get(element);
  if (chart) {
    chart.dispose();
    charts.delete(element);
  }
}

window.addEventListener('resize', () => {
  document.querySelectorAll('.chart').forEach(el => {
    const chart = charts.get(el);
    if (chart) {
      chart.resize();
    }
  });
});

const base = {
  animation: false,
  grid: { left: 8, right: 16, top: 60, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis' },
  legend: { top: 0, type: 'plain', itemGap: 8, textStyle: { fontSize: 11 } }
};

/** A category x axis of period labels with value axes; series as ECharts wants them. */
export function timeChart(labels, series, yAxis) {
  return {
    ...base,
    xAxis: { type: 'category', data: labels },
    yAxis: yAxis || { type: 'value' },
    series
  };
}

export function valueAxis(formatter, extra) {
  return { type: 'value', axisLabel: { formatter }, ...(extra || {}) };
}

export function heatmap(xLabels, yLabels, cells, formatter) {
  return {
    animation: false,
    tooltip: { position: 'top', formatter: p => yLabels[p.value[1]] + ', month ' + xLabels[p.value[0]] + ': ' + formatter(p.value[2]) },
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: xLabels, name: 'months since first payment', nameLocation: 'middle', nameGap: 24, splitArea: { show: true } },
    yAxis: { type: 'category', data: yLabels, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
      inRange: { color: ['#fff5f5', '#ffc9c9', '#a5d8ff', '#1c7ed6'] }, formatter: v => Math.round(v * 100) + '%' },
    series: [{ type: 'heatmap', data: cells, label: { show: cells.length <= 400, formatter: p => Math.round(p.value[2] * 100) },
      emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }]
  };
}

export function funnel(stages) {
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    series: [{ type: 'funnel', sort: 'none', left: '4%', width: '48%', top: 8, bottom: 8, minSize: '12%', gap: 2,
      label: { show: true, position: 'right', color: '#1d2125', formatter: p => p.name + ': ' + p.data.text },
      data: stages }]
  };
}

export function horizontalBars(labels, series, formatter) {
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', axisLabel: { formatter } },
    yAxis: { type: 'category', data: labels, inverse: true },
    series
  };
}
