/**
 * 意见征集's back end (<APPS_ORIGIN>/svc/cn.gov.taihe.survey/): sign-in by getAuthCode like every
 * first-party app (plugins/shared/backend.ts); surveys of one single-choice question. Who answered is
 * kept apart from the answers (SurveyVoter / SurveyAnswer), so an anonymous answer names no one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { clientSecret, cors, readJson, send, signIn, verify, type BackendContext } from '../shared/backend.ts'

const APP_ID = 'cn.gov.taihe.survey'
const CLIENT_ID = 'xt-survey'
const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() && v.length <= max && !/[\u0000-\u001f<>]/.test(v) ? v.trim() : null)

export async function handle(req: IncomingMessage, res: ServerResponse, context: BackendContext): Promise<void> {
  if (cors(req, res)) return
  const { db, origins, base } = context
  const url = new URL(req.url ?? '/', origins.apps)
  const route = url.pathname.slice(base.length)
  const secret = await clientSecret(db, APP_ID)
  try {
    if (route === 'session' && req.method === 'POST') {
      const session = await signIn(context, CLIENT_ID, secret, (await readJson(req)).code)
      if (!session) return send(res, 401, { error: 'sign_in_failed' })
      return send(res, 200, { token: session.token, user: { name: session.person.name, unit: session.person.unit } })
    }
    const who = verify(secret, req.headers.authorization)
    if (!who) return send(res, 401, { error: 'sign_in_required' })
    if (route === 'surveys' && req.method === 'GET') {
      const surveys = await db.survey.findMany({ orderBy: { createdAt: 'desc' }, take: 50 })
      const counts = await db.surveyVoter.groupBy({ by: ['surveyId'], where: { surveyId: { in: surveys.map((s) => s.id) } }, _count: { _all: true } })
      return send(res, 200, { surveys: surveys.map((s) => ({ id: s.id, title: s.title, anonymous: s.anonymous, answers: counts.find((c) => c.surveyId === s.id)?._count._all ?? 0 })) })
    }
    if (route === 'surveys' && req.method === 'POST') {
      const body = await readJson(req)
      const title = text(body.title, 100)
      const options = Array.isArray(body.options) ? body.options.map((o) => text(o, 40)) : []
      if (!title || options.length < 2 || options.length > 8 || options.some((o) => !o)) return send(res, 400, { error: 'bad_survey' })
      const survey = await db.survey.create({ data: { title, options: options as string[], anonymous: body.anonymous === true, creatorId: who.sub, creatorName: who.name } })
      return send(res, 200, { id: survey.id })
    }
    const m = /^surveys\/([0-9a-f-]{36})(\/answer)?$/.exec(route)
    if (m) {
      const survey = await db.survey.findUnique({ where: { id: m[1]! } })
      if (!survey) return send(res, 404, { error: 'not_found' })
      if (m[2] && req.method === 'POST') {
        const option = (await readJson(req)).option
        if (typeof option !== 'number' || !Number.isInteger(option) || option < 0 || option >= survey.options.length) return send(res, 400, { error: 'bad_option' })
        const answered = await db.$transaction(async (tx) => {
          const voted = await tx.surveyVoter.createMany({ data: [{ surveyId: survey.id, personId: who.sub }], skipDuplicates: true })
          if (!voted.count) return false
          await tx.surveyAnswer.create({ data: { surveyId: survey.id, option, name: survey.anonymous ? null : who.name } })
          return true
        })
        return answered ? send(res, 200, { ok: true }) : send(res, 409, { error: 'already_answered' })
      }
      if (req.method === 'GET') {
        const [answers, mine] = await Promise.all([
          db.surveyAnswer.findMany({ where: { surveyId: survey.id }, select: { option: true, name: true } }),
          db.surveyVoter.findUnique({ where: { surveyId_personId: { surveyId: survey.id, personId: who.sub } } }),
        ])
        const counts = survey.options.map((_, i) => answers.filter((a) => a.option === i).length)
        return send(res, 200, {
          id: survey.id, title: survey.title, options: survey.options, anonymous: survey.anonymous, creatorName: survey.creatorName,
          answered: !!mine, total: answers.length, counts: mine ? counts : [], names: mine && !survey.anonymous ? answers.map((a) => a.name).filter(Boolean) : [],
        })
      }
    }
    send(res, 404, { error: 'not_found' })
  } catch {
    send(res, 400, { error: 'bad_request' })
  }
}
