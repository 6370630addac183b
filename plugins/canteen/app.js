// 食堂报餐 — built only with the platform SDK (window.xt from <APPS_ORIGIN>/sdk.js) and its own back end.
/* global xt */
const API = new URL('/svc/cn.gov.taihe.canteen/', location.href).href
const MEALS = [['lunch', '午餐'], ['dinner', '晚餐']]
let token = ''
let day = ''

const $ = (id) => document.getElementById(id)
const showError = (e) => { $('error').textContent = e && e.code ? `出错了（${e.code}）` : String(e) }

async function api(path, options = {}) {
  const response = await fetch(API + path, { ...options, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } })
  const body = await response.json()
  if (!response.ok) throw new Error(body.error || response.statusText)
  return body
}

function nextDays(today) {
  const out = []
  const start = new Date(`${today}T00:00:00+08:00`)
  for (let i = 0; i < 5; i++) out.push(new Date(start.getTime() + i * 86400000 + 8 * 3600000).toISOString().slice(0, 10))
  return out
}

async function render() {
  const data = await api(`meals?day=${day}`)
  $('meals').innerHTML = ''
  for (const [meal, label] of MEALS) {
    const row = document.createElement('div')
    row.className = 'meal'
    const mine = data.mine.includes(meal)
    const text = document.createElement('span')
    text.textContent = `${label}（已报 ${data.counts[meal] || 0} 份）`
    const button = document.createElement('button')
    button.type = 'button'
    button.dataset.meal = meal
    button.className = mine ? 'booked' : ''
    button.textContent = mine ? '取消报餐' : '报餐'
    button.addEventListener('click', () => void toggle(meal, !mine))
    row.append(text, button)
    $('meals').append(row)
  }
  $('kitchen-day').textContent = day
  $('kitchen').textContent = MEALS.map(([m, l]) => `${l} ${data.counts[m] || 0} 份`).join('，')
  await xt.setBadge({ count: data.upcoming })
}

async function toggle(meal, on) {
  try {
    await api('meals', { method: 'POST', body: JSON.stringify({ day, meal, on }) })
    await xt.toast({ text: on ? '已报餐' : '已取消' })
    await render()
  } catch (e) { showError(e) }
}

async function start() {
  try {
    await xt.ready()
    const { code } = await xt.getAuthCode({ clientId: 'xt-canteen' })
    const session = await fetch(API + 'session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }).then((r) => r.json())
    if (!session.token) throw new Error(session.error || 'sign-in failed')
    token = session.token
    $('who').textContent = `${session.user.name}（${session.user.unit}）`
    const days = nextDays(session.today)
    day = days[0]
    for (const d of days) {
      const b = document.createElement('button')
      b.type = 'button'
      b.setAttribute('role', 'tab')
      b.textContent = d.slice(5)
      b.setAttribute('aria-selected', String(d === day))
      b.addEventListener('click', () => {
        day = d
        for (const other of $('days').children) other.setAttribute('aria-selected', String(other === b))
        void render().catch(showError)
      })
      $('days').append(b)
    }
    await render()
  } catch (e) { showError(e) }
}

void start()
