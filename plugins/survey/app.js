// 意见征集 — built only with the platform SDK (window.xt) and its own back end.
/* global xt */
const API = new URL('/svc/cn.gov.taihe.survey/', location.href).href
let token = ''
const $ = (id) => document.getElementById(id)
const showError = (e) => { $('error').textContent = e && e.code ? `出错了（${e.code}）` : String(e && e.message ? e.message : e) }
const el = (tag, props = {}, ...children) => { const n = Object.assign(document.createElement(tag), props); n.append(...children); return n }

async function api(path, options = {}) {
  const response = await fetch(API + path, { ...options, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } })
  const body = await response.json()
  if (!response.ok) throw new Error(body.error || response.statusText)
  return body
}

async function showList() {
  $('detail').hidden = true
  $('list').hidden = false
  const { surveys } = await api('surveys')
  $('list').replaceChildren(...(surveys.length ? surveys.map((s) => el('button', { type: 'button', className: 'item', onclick: () => void showSurvey(s.id).catch(showError) }, `${s.title}（${s.answers} 人参与${s.anonymous ? '，匿名' : ''}）`)) : [el('p', { className: 'muted' }, '还没有征集。')]))
}

function chart(survey) {
  const total = survey.counts.reduce((a, b) => a + b, 0)
  const node = el('div', {},
    ...survey.options.map((o, i) => el('div', { className: 'bar' },
      el('span', {}, o),
      el('span', { className: 'track' }, el('span', { className: 'fill', style: `width:${total ? Math.round((survey.counts[i] / total) * 100) : 0}%; display:block` })),
      el('span', {}, `${survey.counts[i]} 票`))))
  node.setAttribute('role', 'img')
  node.setAttribute('aria-label', `结果：${survey.options.map((o, i) => `${o} ${survey.counts[i]} 票`).join('，')}`)
  node.dataset.testid = 'results-chart'
  return node
}

async function showSurvey(id) {
  const survey = await api(`surveys/${id}`)
  $('list').hidden = true
  const detail = $('detail')
  detail.hidden = false
  const back = el('button', { type: 'button', className: 'secondary', onclick: () => void showList().catch(showError) }, '返回')
  const parts = [el('h2', {}, survey.title), el('p', { className: 'muted' }, `${survey.creatorName} 发起${survey.anonymous ? ' · 匿名' : ''} · ${survey.total} 人参与`)]
  if (!survey.answered) {
    const form = el('form', {}, ...survey.options.map((o, i) => el('label', { className: 'check' }, el('input', { type: 'radio', name: 'option', value: String(i), required: true }), o)), el('button', { type: 'submit' }, '提交'))
    form.onsubmit = async (event) => {
      event.preventDefault()
      try {
        await api(`surveys/${id}/answer`, { method: 'POST', body: JSON.stringify({ option: Number(new FormData(form).get('option')) }) })
        await xt.toast({ text: '已提交' })
        await showSurvey(id)
      } catch (e) { showError(e) }
    }
    parts.push(form)
  } else {
    parts.push(chart(survey))
    if (!survey.anonymous && survey.names.length) parts.push(el('p', { className: 'muted' }, `参与者：${survey.names.join('、')}`))
  }
  parts.push(back)
  detail.replaceChildren(...parts)
}

$('create').addEventListener('submit', async (event) => {
  event.preventDefault()
  const element = event.currentTarget
  const form = new FormData(element)
  try {
    const options = String(form.get('options')).split('\n').map((s) => s.trim()).filter(Boolean)
    const { id } = await api('surveys', { method: 'POST', body: JSON.stringify({ title: form.get('title'), options, anonymous: form.get('anonymous') === 'on' }) })
    element.reset()
    $('new').open = false
    await showSurvey(id)
  } catch (e) { showError(e) }
})

async function start() {
  try {
    await xt.ready()
    const { code } = await xt.getAuthCode({ clientId: 'xt-survey' })
    const session = await fetch(API + 'session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }).then((r) => r.json())
    if (!session.token) throw new Error(session.error || 'sign-in failed')
    token = session.token
    $('who').textContent = `${session.user.name}（${session.user.unit}）`
    await showList()
  } catch (e) { showError(e) }
}

void start()
