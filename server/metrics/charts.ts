import * as echarts from 'echarts'
import type { Dashboard, ModuleKey } from './dashboard.ts'
import { moduleKeys, ratesOf } from './dashboard.ts'

export type ChartLabels = {
  accounts: string
  activated: string
  active: string
  activationRate: string
  activityRate: string
  hours: string
  modules: Record<ModuleKey, string>
}

const COLOURS = ['#1f5fbf', '#2e9d5b', '#e0a100', '#d4380d', '#7a4fbf']

/** One chart rendered on the server (ECharts SSR to SVG), disposed at once: no chart script reaches the phone. */
function svg(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, color: COLOURS, textStyle: { fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif', fontSize: 13 }, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

const label = (d: Dashboard, start: string) => (d.period === 'month' ? start.slice(0, 7) : start.slice(5))

/** Trend, rates over time, the two rankings, module use and step times, each an SVG string. */
export function metricsCharts(d: Dashboard, l: ChartLabels, width = 360) {
  const x = d.buckets.map((b) => label(d, b.start))
  const rankBars = (key: 'activationRate' | 'activityRate', colour: string) => {
    const rows = [...d.ranking].sort((a, b) => a[key] - b[key]).slice(-15)
    return svg({
      grid: { left: 100, right: 44, top: 10, bottom: 20 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 92, overflow: 'truncate' } },
      series: [{ type: 'bar', barWidth: 14, itemStyle: { color: colour }, label: { show: true, position: 'right', formatter: '{c}%' }, data: rows.map((r) => r[key]) }],
    }, width, Math.max(120, 40 + rows.length * 24))
  }
  return {
    trend: svg({
      grid: { left: 44, right: 16, top: 34, bottom: 30 },
      legend: { top: 0, data: [l.accounts, l.activated, l.active] },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: x },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: l.accounts, type: 'line', symbol: 'none', data: d.buckets.map((b) => b.accounts) },
        { name: l.activated, type: 'line', symbol: 'none', data: d.buckets.map((b) => b.activated) },
        { name: l.active, type: 'bar', barMaxWidth: 14, data: d.buckets.map((b) => b.active) },
      ],
    }, width, 220),
    rates: svg({
      grid: { left: 44, right: 16, top: 34, bottom: 30 },
      legend: { top: 0, data: [l.activationRate, l.activityRate] },
      xAxis: { type: 'category', data: x },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: l.activationRate, type: 'line', data: d.buckets.map((b) => ratesOf(b).activationRate) },
        { name: l.activityRate, type: 'line', data: d.buckets.map((b) => ratesOf(b).activityRate) },
      ],
    }, width, 200),
    activationRanking: d.ranking.length ? rankBars('activationRate', COLOURS[0]!) : null,
    activityRanking: d.ranking.length ? rankBars('activityRate', COLOURS[1]!) : null,
    modules: svg({
      grid: { left: 44, right: 16, top: 56, bottom: 30 },
      legend: { top: 0, data: moduleKeys.map((k) => l.modules[k]) },
      xAxis: { type: 'category', data: x },
      yAxis: { type: 'value', minInterval: 1 },
      series: moduleKeys.map((k) => ({ name: l.modules[k], type: 'bar' as const, stack: 'use', barMaxWidth: 16, data: d.buckets.map((b) => b[k]) })),
    }, width, 240),
    steps: d.steps.length ? svg({
      grid: { left: 80, right: 50, top: 10, bottom: 20 },
      xAxis: { type: 'value', name: l.hours, nameLocation: 'end' },
      yAxis: { type: 'category', data: d.steps.map((s) => s.name).reverse(), axisLabel: { width: 72, overflow: 'truncate' } },
      series: [{ type: 'bar', barWidth: 14, itemStyle: { color: COLOURS[2] }, label: { show: true, position: 'right' }, data: d.steps.map((s) => s.hours).reverse() }],
    }, width, Math.max(110, 40 + d.steps.length * 24)) : null,
  }
}
