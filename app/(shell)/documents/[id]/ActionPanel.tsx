'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { PeoplePicker, type PickedPerson } from '../../../components/PeoplePicker.tsx'
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx'
import { NextStepSummary, useNextStep, type NextStepPreview } from './NextStep.tsx'

type Step = { type: string; name: string; completion: string; optional?: boolean; assignee: { kind: string } }
type Unit = { id: string; name: string; depth: number; organCode: string | null }

/** What the viewer can do with the document now: act with an opinion, send back, withdraw, transfer, registry actions. */
export function ActionPanel(props: {
  documentId: string; revision: number; direction: string; status: string; step: Step | null; stepIndex: number | null; steps: Step[]
  actionable: boolean; actsFor: string[]; mayWithdraw: boolean; isRegistry: boolean; phrases: string[]; units: Unit[]; organId: string
  reserved: { id: string; number: string }[]; nextStep?: NextStepPreview | null
}) {
  const t = useTranslations('documents')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [opinion, setOpinion] = useState('')
  const [chosenUnits, setChosenUnits] = useState<string[]>([])
  const [chosenPeople, setChosenPeople] = useState<PickedPerson[]>([])
  const [transferTo, setTransferTo] = useState<PickedPerson[]>([])
  const [reservedId, setReservedId] = useState('')
  const [touchedUnits, setTouchedUnits] = useState(false)
  // Irreversible steps ask once, saying what will happen (outgoing documents; incoming acts go straight on).
  const [confirming, setConfirming] = useState<null | 'act' | 'number' | 'distribute'>(null)
  const { step, stepIndex, steps } = props
  const next = stepIndex === null ? undefined : steps[stepIndex + 1]
  const choosing = props.actionable && next?.assignee.kind === 'CHOSEN' && !['NUMBER', 'DISTRIBUTE', 'SEAL'].includes(step?.type ?? '')
  const choosesPeople = next?.type === 'CIRCULATE'
  const base = `/api/documents/${props.documentId}`
  const { preview } = useNextStep(props.documentId, props.revision, { unitIds: chosenUnits, personIds: chosenPeople.map((p) => p.id), reservedNumberId: reservedId || undefined }, props.actionable, props.nextStep)
  // 分发 starts from the document's own 主送 and 抄送 units.
  const suggested = preview?.recipients ? [...preview.recipients.main, ...preview.recipients.copy].filter((id) => props.units.some((u) => u.id === id)) : []
  const ticked = step?.type === 'DISTRIBUTE' && !touchedUnits ? suggested : chosenUnits
  const tConfirm = useTranslations('documents.confirm')
  const confirmsActs = props.direction === 'OUTGOING'

  async function run(path: string, json: Record<string, unknown>) {
    setBusy(true)
    setError(null)
    const result = await api(path, { json: { revision: props.revision, ...json } })
    setBusy(false)
    setConfirming(null)
    if (!result.ok) return setError(result.error)
    setOpinion('')
    setTouchedUnits(false)
    router.refresh()
  }

  const unitChecks = (name: string) => (
    <div className="unit-checks" role="group" aria-label={name}>
      {props.units.map((u) => (
        <label key={u.id} className="check" style={{ paddingLeft: u.depth * 14 }}>
          <input type="checkbox" checked={ticked.includes(u.id)} onChange={(e) => { setTouchedUnits(true); setChosenUnits(e.target.checked ? [...ticked, u.id] : ticked.filter((x) => x !== u.id)) }} />
          <span>{u.name}</span>
        </label>
      ))}
    </div>
  )

  return (
    <section className="card stack action-panel" aria-label={t('actions')}>
      <div className="spread">
        <h2 style={{ margin: 0 }}>{t('actions')}{step ? ` · ${step.name}` : ''}</h2>
        {props.actsFor.length ? <span className="badge amber">{t('actsFor', { names: props.actsFor.join('、') })}</span> : null}
      </div>
      <ErrorAlert error={error} />

      {props.actionable && step?.type === 'NUMBER' ? (
        <div className="stack">
          <p className="small muted" style={{ margin: 0 }}>{t('numberHint')}</p>
          {props.reserved.length ? (
            <label>{t('numbers.useReserved')}
              <select value={reservedId} onChange={(e) => setReservedId(e.target.value)}>
                <option value="">{t('numbers.nextNumber')}</option>
                {props.reserved.map((n) => <option key={n.id} value={n.id}>{n.number}</option>)}
              </select>
            </label>
          ) : null}
          <div><button type="button" disabled={busy} onClick={() => setConfirming('number')}>{t('number')}</button></div>
        </div>
      ) : props.actionable && step?.type === 'DISTRIBUTE' ? (
        <div className="stack">
          <p className="small muted" style={{ margin: 0 }}>{t('distributeHint')}</p>
          {suggested.length && !touchedUnits ? <p className="small" style={{ margin: 0 }} data-testid="recipients-preselected">{tConfirm('preselected')}</p> : null}
          {unitChecks(t('distribute'))}
          <div><button type="button" disabled={busy || ticked.length === 0} onClick={() => setConfirming('distribute')}>{t('distribute')}</button></div>
        </div>
      ) : props.actionable && step?.type === 'SEAL' ? (
        <p className="small muted" style={{ margin: 0 }}>{t('sealHint')}</p>
      ) : props.actionable && step ? (
        <div className="stack">
          <label>{t('opinion')}
            <textarea value={opinion} onChange={(e) => setOpinion(e.target.value)} rows={3} maxLength={2000} name="opinion" />
          </label>
          <div className="row phrases" aria-label={t('commonPhrases')}>
            {props.phrases.map((p) => <button key={p} type="button" className="secondary chip" onClick={() => setOpinion((o) => (o ? `${o}${p}` : p))}>{p}</button>)}
          </div>
          {choosing ? (
            <fieldset className="stack choose">
              <legend>{choosesPeople ? t('choosePeople', { step: next!.name }) : t('chooseUnits', { step: next!.name })}</legend>
              {choosesPeople
                ? <PeoplePicker value={chosenPeople} onChange={setChosenPeople} label={t('choosePeople', { step: next!.name })} placeholder={t('searchPeople')} removeLabel={t('remove')} />
                : unitChecks(t('chooseUnits', { step: next!.name }))}
            </fieldset>
          ) : null}
          <NextStep preview={preview} />
          <div className="row">
            <button type="button" disabled={busy || blocks(preview)} data-testid="act" onClick={() => (confirmsActs ? setConfirming('act') : void run(`${base}/act`, { opinion, unitIds: chosenUnits, personIds: chosenPeople.map((p) => p.id) }))}>
              {step.type === 'CIRCULATE' ? t('read') : ['REVIEW', 'COUNTERSIGN', 'SIGN_OFF', 'PROPOSE', 'INSTRUCT'].includes(step.type) ? t('approve') : t('approveAny')}
            </button>
          </div>
          <details>
            <summary className="button secondary">{t('sendBack')}</summary>
            <SendBack steps={steps} stepIndex={stepIndex!} direction={props.direction} targets={preview?.returnTargets ?? null} busy={busy} onSend={(toStep, reason) => void run(`${base}/send-back`, { toStep, reason })} />
          </details>
          <details>
            <summary className="button secondary">{t('transfer')}</summary>
            <div className="stack" style={{ marginTop: 8 }}>
              <PeoplePicker single value={transferTo} onChange={setTransferTo} label={t('transferTo')} placeholder={t('searchPeople')} removeLabel={t('remove')} />
              <div><button type="button" className="secondary" disabled={busy || !transferTo[0]} onClick={() => void run(`${base}/transfer`, { personId: transferTo[0]!.id, reason: opinion })}>{t('transfer')}</button></div>
            </div>
          </details>
          {step.completion === 'ALL' && ['COUNTERSIGN', 'HANDLE'].includes(step.type) ? (
            <details>
              <summary className="button secondary">{t('addParticipant')}</summary>
              <AddUnit units={props.units} busy={busy} label={t('addUnit')} button={t('addParticipant')} onAdd={(unitId) => void run(`${base}/add-participant`, { unitId })} />
            </details>
          ) : null}
        </div>
      ) : null}

      {props.mayWithdraw ? (
        <div className="row">
          <button type="button" className="secondary" disabled={busy} onClick={() => void run(`${base}/withdraw`, {})}>{t('withdraw')}</button>
          <span className="small muted">{t('withdrawHint')}</span>
        </div>
      ) : null}

      {props.isRegistry && props.status === 'COMPLETED' ? (
        <form className="row" action={(form) => void run(`${base}/archive`, { retentionYears: Number(form.get('retentionYears')) })}>
          <label>{t('retentionYears')}<input name="retentionYears" type="number" min={0} max={100} defaultValue={30} style={{ width: 120 }} /></label>
          <button type="submit" disabled={busy}>{t('archive')}</button>
        </form>
      ) : null}
      <ConfirmDialog
        open={confirming !== null} busy={busy} cancelLabel={tConfirm('cancel')} onCancel={() => setConfirming(null)}
        title={confirming === 'number' ? tConfirm('numberTitle') : confirming === 'distribute' ? tConfirm('distributeTitle') : tConfirm('actTitle', { step: step?.name ?? '' })}
        confirmLabel={confirming === 'number' ? tConfirm('confirmNumber') : confirming === 'distribute' ? tConfirm('confirmDistribute') : tConfirm('confirmAct')}
        onConfirm={() => {
          if (confirming === 'number') void run(`${base}/number`, reservedId ? { reservedNumberId: reservedId } : {})
          else if (confirming === 'distribute') void run(`${base}/distribute`, { unitIds: ticked })
          else void run(`${base}/act`, { opinion, unitIds: chosenUnits, personIds: chosenPeople.map((p) => p.id) })
        }}
      >
        {confirming === 'act' && step?.type === 'SIGN_OFF' ? <p style={{ margin: 0 }}>{tConfirm('signOffLead')}</p> : null}
        {confirming === 'distribute' ? <Recipients preview={preview} units={props.units} chosen={ticked} /> : null}
        {confirming === 'number' ? <p className="small muted" style={{ margin: 0 }}>{tConfirm('numberNote')}</p> : null}
        {confirming === 'distribute' ? <p className="small muted" style={{ margin: 0 }}>{tConfirm('distributeNote')}</p> : null}
        <NextStepSummary preview={preview} extra={[
          ...(confirming === 'number' && preview?.number ? [[tConfirm('numberAs'), preview.number] as [string, string]] : []),
          ...(confirming === 'act' && opinion.trim() ? [[tConfirm('opinion'), opinion.trim()] as [string, string]] : []),
        ]} />
      </ConfirmDialog>
    </section>
  )
}

/** 分发's dialog: the ticked units, as 主送, 抄送 and others (by the document's own recipients). */
function Recipients({ preview, units, chosen }: { preview: NextStepPreview | null; units: Unit[]; chosen: string[] }) {
  const t = useTranslations('documents.confirm')
  const name = (id: string) => units.find((u) => u.id === id)?.name ?? ''
  const main = chosen.filter((id) => preview?.recipients?.main.includes(id))
  const copy = chosen.filter((id) => !main.includes(id) && preview?.recipients?.copy.includes(id))
  const other = chosen.filter((id) => !main.includes(id) && !copy.includes(id))
  const rows = ([[t('main'), main], [t('copy'), copy], [t('other'), other]] as [string, string[]][]).filter(([, ids]) => ids.length)
  return (
    <div className="stack" style={{ gap: 6 }} data-testid="confirm-recipients">
      <strong>{t('distributeTo', { count: chosen.length })}</strong>
      <dl>{rows.map(([k, ids]) => <div key={k} style={{ display: 'contents' }}><dt>{k}</dt><dd>{ids.map(name).join('、')}</dd></div>)}</dl>
    </div>
  )
}

/**
 * 退回: to the drafter (for incoming: back to registration) or to a step that was passed, each with the
 * people who acted there, as the server lists them (`returnTargets`).
 */
function SendBack({ steps, stepIndex, direction, targets, busy, onSend }: { steps: Step[]; stepIndex: number; direction: string; targets: NextStepPreview['returnTargets'] | null; busy: boolean; onSend: (toStep: number, reason: string) => void }) {
  const t = useTranslations('documents')
  const [to, setTo] = useState(targets?.[0]?.toStep ?? (direction === 'OUTGOING' ? -1 : 0))
  const [reason, setReason] = useState('')
  return (
    <div className="stack" style={{ marginTop: 8 }}>
      <label>{t('sendBackTo')}
        <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
          {targets
            ? targets.map((target) => <option key={target.toStep} value={target.toStep}>{target.toStep === -1 && direction === 'OUTGOING' ? t('toDrafter') : target.name}{target.people.length ? ` · ${target.people.join('、')}` : ''}</option>)
            : <>
              {direction === 'OUTGOING' ? <option value={-1}>{t('toDrafter')}</option> : null}
              {steps.slice(0, stepIndex).map((s, i) => <option key={i} value={i}>{s.name}</option>)}
            </>}
        </select>
      </label>
      <label>{t('reason')}<input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} /></label>
      <div><button type="button" className="danger" disabled={busy || !reason.trim() || (!targets?.length && direction !== 'OUTGOING' && stepIndex === 0)} onClick={() => onSend(to, reason)}>{t('sendBack')}</button></div>
    </div>
  )
}

function AddUnit({ units, busy, label, button, onAdd }: { units: Unit[]; busy: boolean; label: string; button: string; onAdd: (unitId: string) => void }) {
  const [unitId, setUnitId] = useState('')
  return (
    <div className="row" style={{ marginTop: 8 }}>
      <label>{label}<select value={unitId} onChange={(e) => setUnitId(e.target.value)}><option value="" />{units.map((u) => <option key={u.id} value={u.id}>{'　'.repeat(u.depth)}{u.name}</option>)}</select></label>
      <button type="button" className="secondary" disabled={busy || !unitId} onClick={() => onAdd(unitId)}>{button}</button>
    </div>
  )
}

/** A problem that stops the act (not "choose who", which the choice above answers). */
const blocks = (preview: NextStepPreview | null) => !!preview?.problem && preview.problem.code !== 'document.choose_participants'

/** Where acting now sends the document, and to whom, before the actor submits; a step nobody can take is said here. */
function NextStep({ preview }: { preview: NextStepPreview | null }) {
  const t = useTranslations('documents')
  const te = useTranslations('errors')
  if (!preview) return null
  const choose = preview.problem?.code === 'document.choose_participants'
  const text = preview.waitingFor.length ? t('nextStepWaits', { count: preview.waitingFor.length })
    : preview.completes ? t('nextStepCompletes')
    : blocks(preview) ? `${t('nextStepBlocked')}${te(preview.problem!.code as 'document.no_participant', preview.problem!.params as Record<string, string>)}`
    : choose ? t('nextStepChosen', { step: preview.next?.name ?? '' })
    : preview.next?.skipped.length ? t('nextStepOptional', { step: preview.next.skipped[0]! })
    : preview.next ? t('nextStepTo', { step: preview.next.name, people: preview.next.assignees.join('、') })
    : null
  if (!text) return null
  return (
    <p className={blocks(preview) ? 'alert error' : 'small muted'} style={{ margin: 0 }} data-testid="next-step" role={blocks(preview) ? 'alert' : undefined}>
      <strong>{t('nextStep')}</strong> {text}
    </p>
  )
}
