import * as echarts from 'echarts'
import type { DashboardData } from './dashboard.ts'

const LIGHT_COLOURS = { green: '#2e9d5b', yellow: '#e0a100', red: '#d4380d' }

type Labels = {
  lights: { green: string; yellow: string; red: string }
  completed: string
  overdue: string
  source: Record<string, string>
  target: string
  current: string
}

/**
 * Render one chart on the server (ECharts SSR to SVG): no script runs on the phone, and the SVG
 * scales to the screen's width. Text stays text, so Chinese survives and reads at 390 px.
 */
function svg(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif', fontSize: 13 }, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

export function dashboardCharts(data: DashboardData, l: Labels, width = 360) {
  const units = [...data.byUnit].reverse()
  return {
    lights: svg({
      grid: { left: 60, right: 30, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: [l.lights.red, l.lights.yellow, l.lights.green] },
      series: [{ type: 'bar', barWidth: 22, label: { show: true, position: 'right' }, data: [
        { value: data.lights.red, itemStyle: { color: LIGHT_COLOURS.red } },
        { value: data.lights.yellow, itemStyle: { color: LIGHT_COLOURS.yellow } },
        { value: data.lights.green, itemStyle: { color: LIGHT_COLOURS.green } },
      ] }],
    }, width, 150),
    byUnit: svg({
      grid: { left: 90, right: 16, top: 30, bottom: 20 },
      legend: { top: 0, itemWidth: 12, data: [l.lights.green, l.lights.yellow, l.lights.red] },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: units.map((u) => u.unit), axisLabel: { width: 80, overflow: 'truncate' } },
      series: (['green', 'yellow', 'red'] as const).map((k) => ({ name: l.lights[k], type: 'bar' as const, stack: 'all', itemStyle: { color: LIGHT_COLOURS[k] }, data: units.map((u) => u[k]) })),
    }, width, Math.max(140, 50 + units.length * 28)),
    bySource: svg({
      grid: { left: 100, right: 30, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: data.bySource.map((s) => l.source[s.source] ?? s.source).reverse(), axisLabel: { width: 90, overflow: 'truncate' } },
      series: [{ type: 'bar', barWidth: 16, itemStyle: { color: '#1f5fbf' }, label: { show: true, position: 'right' }, data: data.bySource.map((s) => s.n).reverse() }],
    }, width, Math.max(120, 40 + data.bySource.length * 26)),
    trend: svg({
      grid: { left: 36, right: 16, top: 30, bottom: 30 },
      legend: { top: 0, data: [l.completed, l.overdue] },
      xAxis: { type: 'category', data: data.trend.map((t) => t.month.slice(2)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: l.completed, type: 'line', data: data.trend.map((t) => t.completed), itemStyle: { color: LIGHT_COLOURS.green } },
        { name: l.overdue, type: 'line', data: data.trend.map((t) => t.overdue), itemStyle: { color: LIGHT_COLOURS.red } },
      ],
    }, width, 200),
    indicators: data.indicators.length ? svg({
      grid: { left: 100, right: 40, top: 30, bottom: 20 },
      legend: { top: 0, data: [l.current, l.target] },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: data.indicators.map((x) => x.name).reverse(), axisLabel: { width: 90, overflow: 'truncate' } },
      series: [
        { name: l.current, type: 'bar', barWidth: 14, itemStyle: { color: '#1f5fbf' }, label: { show: true, position: 'right', formatter: '{c}%' },
          data: data.indicators.map((x) => indicatorPercent(x)).reverse() },
      ],
    }, width, Math.max(120, 50 + data.indicators.length * 28)) : null,
  }
}

/** How far an indicator has come from its baseline to its target, 0–100. */
export function indicatorPercent(x: { baseline: number; target: number; current: number | null }): number {
  if (x.current === null || x.target === x.baseline) return x.current !== null && x.current >= x.target ? 100 : 0
  return Math.max(0, Math.min(100, Math.round((100 * (x.current - x.baseline)) / (x.target - x.baseline))))
}
