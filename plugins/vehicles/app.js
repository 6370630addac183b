// 公车预约 — built only with the platform SDK (window.xt from <APPS_ORIGIN>/sdk.js) and its own back end.
/* global xt */
const API = new URL('/svc/cn.gov.taihe.vehicles/', location.href).href
const STATUS = { PENDING: '待审批', APPROVED: '已批准', REJECTED: '已驳回', CANCELLED: '已取消' }
const ERRORS = {
  bad_booking: '请填写完整：时段、目的地、事由和人数。', bad_times: '结束时间须晚于开始时间。', out_of_range: '只能预约从现在起 30 天内的时段。',
  too_many_passengers: '乘车人数超过该车座位数。', not_cancellable: '这条预约已不能取消。', already_decided: '这条申请已有人审批过了。',
  changed: '这条申请刚被改过，请刷新后再试。', reason_required: '驳回时请写明理由。', not_found: '没有找到（可能已被删除）。',
}
let token = ''
let session = null

const $ = (id) => document.getElementById(id)
const el = (tag, props = {}, ...children) => { const n = Object.assign(document.createElement(tag), props); n.append(...children); return n }
const chip = (status) => el('span', { className: `chip ${status}` }, STATUS[status] || status)
function showError(e) {
  const body = e && e.body
  if (body && body.error === 'conflict') $('error').textContent = `该车 ${body.with.from}–${body.with.to} 已有预约（${STATUS[body.with.status]}），请换个时段或换一辆车。`
  else if (body && ERRORS[body.error]) $('error').textContent = ERRORS[body.error]
  else $('error').textContent = e && e.code ? `出错了（${e.code}）` : `出错了（${String(e && e.message ? e.message : e)}）`
}
const clearError = () => { $('error').textContent = '' }

async function api(path, options = {}) {
  const response = await fetch(API + path, { ...options, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } })
  const body = await response.json()
  if (!response.ok) throw Object.assign(new Error(body.error || response.statusText), { body })
  return body
}

function select(tab) {
  for (const name of ['book', 'mine', 'office']) {
    $(name).hidden = name !== tab
    $(`tab-${name}`).setAttribute('aria-selected', String(name === tab))
  }
  clearError()
  void (tab === 'book' ? showVehicles() : tab === 'mine' ? showMine() : showOffice()).catch(showError)
}

async function showVehicles() {
  const { vehicles } = await api(`vehicles?day=${$('day').value}`)
  $('vehicles').replaceChildren(...vehicles.map((v) => {
    const slots = v.taken.length
      ? el('ul', { className: 'slots' }, ...v.taken.map((t) => el('li', {}, `${t.from}–${t.to.slice(-5)} `, chip(t.status), t.name ? ` ${t.name}` : '')))
      : el('p', { className: 'slots' }, '当天空闲')
    const book = el('button', { type: 'button', onclick: () => openRequest(v) }, '预约')
    book.dataset.plate = v.plate
    return el('div', { className: 'card' }, el('div', { className: 'head' }, el('span', {}, el('span', { className: 'plate' }, v.plate), ` ${v.model} · ${v.seats} 座`), book), slots)
  }))
}

function openRequest(vehicle) {
  const form = $('request')
  form.hidden = false
  form.elements.vehicleId.value = vehicle.id
  form.elements.passengers.max = String(vehicle.seats)
  $('request-title').textContent = `申请用车：${vehicle.plate}（${$('day').value}）`
  form.elements.from.focus()
}

async function submitRequest(event) {
  event.preventDefault()
  clearError()
  const form = $('request')
  const data = new FormData(form)
  try {
    await api('bookings', { method: 'POST', body: JSON.stringify({
      vehicleId: data.get('vehicleId'), day: $('day').value, from: data.get('from'), to: data.get('to'),
      destination: data.get('destination'), purpose: data.get('purpose'), passengers: Number(data.get('passengers')),
    }) })
    form.reset()
    form.hidden = true
    await xt.toast({ text: '已提交，等待车管审批' })
    await showVehicles()
  } catch (e) { showError(e) }
}

async function showMine() {
  const { bookings, badge } = await api('bookings/mine')
  if (!session.officer) await xt.setBadge({ count: badge })
  $('mine').replaceChildren(...(bookings.length ? bookings.map((b) => {
    const parts = [
      el('div', { className: 'head' }, el('span', {}, el('span', { className: 'plate' }, b.plate), ` ${b.day} ${b.from}–${b.to}`), chip(b.status)),
      el('p', { className: 'muted' }, `${b.destination} · ${b.purpose} · ${b.passengers} 人${b.decidedBy ? ` · 审批：${b.decidedBy}` : ''}${b.reason ? `（${b.reason}）` : ''}`),
    ]
    if (b.status === 'PENDING' || b.status === 'APPROVED') {
      parts.push(el('button', { type: 'button', className: 'secondary', onclick: () => void cancel(b).catch(showError) }, '取消预约'))
    }
    const card = el('div', { className: 'card' }, ...parts)
    card.dataset.testid = 'my-booking'
    return card
  }) : [el('p', { className: 'muted' }, '还没有预约。')]))
}

async function cancel(b) {
  await api(`bookings/${b.id}/cancel`, { method: 'POST', body: JSON.stringify({ revision: b.revision }) })
  await xt.toast({ text: '已取消' })
  await showMine()
}

async function showOffice() {
  const { bookings, badge } = await api('bookings/pending')
  await xt.setBadge({ count: badge })
  $('pending-count').textContent = badge ? `(${badge})` : ''
  $('office').replaceChildren(...(bookings.length ? bookings.map((b) => {
    const reason = el('input', { placeholder: '驳回理由（驳回时必填）', maxLength: 200 })
    reason.setAttribute('aria-label', `驳回理由：${b.name} ${b.plate}`)
    const decide = (decision) => void decideBooking(b, decision, reason.value.trim()).catch(showError)
    const card = el('div', { className: 'card' },
      el('div', { className: 'head' }, el('span', {}, el('span', { className: 'plate' }, b.plate), ` ${b.day} ${b.from}–${b.to}`), chip(b.status)),
      el('p', { className: 'muted' }, `${b.name}（${b.unit}）· ${b.destination} · ${b.purpose} · ${b.passengers} 人`),
      reason,
      el('div', { className: 'row' }, el('button', { type: 'button', onclick: () => decide('approve') }, '批准'), el('button', { type: 'button', className: 'secondary', onclick: () => decide('reject') }, '驳回')))
    card.dataset.testid = 'pending-booking'
    return card
  }) : [el('p', { className: 'muted' }, '没有待审批的申请。')]))
}

async function decideBooking(b, decision, reason) {
  clearError()
  const { booking } = await api(`bookings/${b.id}/decide`, { method: 'POST', body: JSON.stringify({ decision, reason, revision: b.revision }) })
  const verdict = decision === 'approve' ? '已批准' : `已驳回：${reason}`
  // The booker hears of it in their 待阅, under this app's name; the platform checks the officer may notify them.
  try {
    await xt.notify({ title: `公车预约${verdict}（${booking.plate} ${booking.day} ${booking.from}–${booking.to}）`, personIds: [booking.personId], url: 'mine' })
    await xt.toast({ text: `${verdict}，已通知 ${booking.name}` })
  } catch (e) {
    await xt.toast({ text: `${verdict}；未能通知 ${booking.name}（${e.code || e}）` })
  }
  await showOffice()
}

async function start() {
  try {
    await xt.ready()
    const { code } = await xt.getAuthCode({ clientId: 'xt-vehicles' })
    const answer = await fetch(API + 'session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }).then((r) => r.json())
    if (!answer.token) throw new Error(answer.error || 'sign-in failed')
    token = answer.token
    session = answer
    $('who').textContent = `${answer.user.name}（${answer.user.unit}）${answer.officer ? ' · 车管' : ''}`
    $('day').min = answer.today
    $('day').value = answer.today
    $('day').addEventListener('change', () => void showVehicles().catch(showError))
    $('request').addEventListener('submit', (e) => void submitRequest(e))
    $('request-cancel').addEventListener('click', () => { $('request').hidden = true })
    for (const name of ['book', 'mine', 'office']) $(`tab-${name}`).addEventListener('click', () => select(name))
    if (answer.officer) {
      $('tab-office').hidden = false
      $('pending-count').textContent = answer.badge ? `(${answer.badge})` : ''
    }
    await xt.setBadge({ count: answer.badge })
    // A 待阅 link opens the app at #mine (navigate keeps the path in the platform's address).
    select(location.hash === '#mine' ? 'mine' : location.hash === '#office' && answer.officer ? 'office' : 'book')
  } catch (e) { showError(e) }
}

void start()
