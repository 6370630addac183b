import * as echarts from 'echarts'

const COLOURS = { submitted: '#2e9d5b', pending: '#8c8c8c', returned: '#e0a100', overdue: '#d4380d' }

/** One chart rendered on the server to SVG (ECharts SSR): no chart script on the phone; text stays text. */
function svg(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif', fontSize: 13 }, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/** 已报/未报/退回/逾期 as one horizontal bar each. */
export function boardChart(counts: Record<keyof typeof COLOURS, number>, labels: Record<keyof typeof COLOURS, string>, width = 360) {
  const keys = ['overdue', 'returned', 'pending', 'submitted'] as const
  return svg({
    grid: { left: 60, right: 30, top: 10, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: keys.map((k) => labels[k]) },
    series: [{ type: 'bar', barWidth: 20, label: { show: true, position: 'right' }, data: keys.map((k) => ({ value: counts[k], itemStyle: { color: COLOURS[k] } })) }],
  }, width, 160)
}

/** One number per unit (a field, or a table column's sum), as bars, with the total in the title. */
export function unitBarChart(title: string, rows: { unit: string; value: number | null }[], width = 360) {
  const data = [...rows].reverse()
  return svg({
    title: { text: title, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 'normal' } },
    grid: { left: 100, right: 60, top: 30, bottom: 20 },
    xAxis: { type: 'value', splitNumber: 3 },
    yAxis: { type: 'category', data: data.map((r) => r.unit), axisLabel: { width: 90, overflow: 'truncate' } },
    series: [{ type: 'bar', barWidth: 16, itemStyle: { color: '#1f5fbf' }, label: { show: true, position: 'right' }, data: data.map((r) => r.value ?? 0) }],
  }, width, Math.max(120, 50 + data.length * 26))
}

/** Counts per option of a choice field. */
export function choiceChart(title: string, options: string[], counts: Record<string, number>, width = 360) {
  return svg({
    title: { text: title, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 'normal' } },
    grid: { left: 80, right: 40, top: 30, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: [...options].reverse(), axisLabel: { width: 70, overflow: 'truncate' } },
    series: [{ type: 'bar', barWidth: 16, itemStyle: { color: '#7a4fbf' }, label: { show: true, position: 'right' }, data: [...options].reverse().map((o) => counts[o] ?? 0) }],
  }, width, Math.max(110, 40 + options.length * 26))
}
