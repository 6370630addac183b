import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { choosableUnitIds, limitsUnitsToOrgan, commonOpinions, documentVersions, getDocument, latestRendition, listNumbers, numberPrefix } from '@/server/documents/index.ts'
import { clock } from '@/server/core/clock.ts'
import { listUnitTree } from '@/server/directory/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { orNotFound } from '../../../lib/errors.ts'
import { CoEditor } from '../../../components/editor/CoEditor.tsx'
import { ActionPanel } from './ActionPanel.tsx'
import { DraftPanel } from './DraftPanel.tsx'
import { SubmitPanel } from './SubmitPanel.tsx'
import { VersionsPanel } from './VersionsPanel.tsx'
import { AttachmentsPanel } from './AttachmentsPanel.tsx'
import { RecallButton } from './RecallButton.tsx'
import { RegisterPanel } from './RegisterPanel.tsx'
import { SealPanel } from './SealPanel.tsx'
import { UrgeButton } from './UrgeButton.tsx'
import { NoticeItems } from '../../supervision/components/NoticeItems.tsx'
import { ToSupervision } from '../../supervision/components/ToSupervision.tsx'
import { itemForDocument, itemsForNotice } from '@/server/supervision/index.ts'
import { ThreadButton } from '../../messages/ThreadButton.tsx'

type Flat = { id: string; name: string; depth: number; organCode: string | null }

export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  const t = await getTranslations('documents')
  const format = await getFormatter()
  const doc = await orNotFound(getDocument(db(), actor, id))
  // At 编号登记 the registry may use a number reserved earlier for this series.
  const reserved = doc.currentStep?.type === 'NUMBER' && doc.viewer.isRegistry && doc.organ.organCode
    ? (await listNumbers(db(), actor, doc.organId, new Date(clock.now().getTime() + 8 * 3_600_000).getUTCFullYear()))
      .filter((n) => n.state === 'RESERVED' && n.prefix === numberPrefix(doc.organ.organCode!, doc.kind)).map((n) => ({ id: n.id, number: n.number }))
    : []
  const sealed = await latestRendition(db(), actor, doc.id, [doc.direction === 'OUTGOING' ? 'SEALED' : 'RECEIVED'])
  const when = (d: Date | null) => (d ? format.dateTime(d, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '')
  const v = doc.viewer
  const acting = v.actionableTaskIds.length > 0 || v.mayWithdraw || (v.isRegistry && doc.status === 'COMPLETED')
  const flat: Flat[] = []
  if (acting) {
    const walk = (nodes: Awaited<ReturnType<typeof listUnitTree>>) => { for (const n of nodes) { flat.push({ id: n.id, name: n.name, depth: n.depth, organCode: n.organCode }); walk(n.children) } }
    walk(await listUnitTree(db()))
    // 承办 units come from the organisation's own units (批办 chooses them, 承办 adds to them).
    const current = doc.currentStep ?? undefined
    const forStep = limitsUnitsToOrgan(current) ? current : doc.stepIndex === null ? doc.steps[0] : doc.steps[doc.stepIndex + 1]
    const choosable = current?.type === 'DISTRIBUTE' ? null : await choosableUnitIds(db(), doc, forStep)
    if (choosable) {
      const kept = flat.filter((u) => choosable.has(u.id))
      const top = Math.min(...kept.map((u) => u.depth))
      flat.splice(0, flat.length, ...kept.map((u) => ({ ...u, depth: u.depth - top })))
    }
  }
  const incoming = doc.direction === 'INCOMING'
  // An incoming document's particulars are the registry's (来文单位, 收文时间, 登记人), not a drafter's.
  const meta: [string, string][] = ([
    ...(incoming
      ? [[t('incomingFields.senderOrgan'), doc.senderOrgan ?? ''], [t('incomingFields.senderNumber'), doc.senderNumber ?? ''], [t('incomingFields.receivedAt'), when(doc.receivedAt)],
        [t('incomingFields.registrant'), doc.createdBy.name], [t('incomingFields.organ'), doc.organ.name], [t('incomingFields.unit'), doc.unit.name]]
      : [[t('fields.organ'), doc.organ.name], [t('fields.unit'), doc.unit.name], [t('fields.drafter'), doc.createdBy.name], [t('fields.created'), when(doc.createdAt)], [t('fields.number'), doc.number ?? '']]),
    [t('fields.mainRecipients'), doc.mainRecipients], [t('fields.copyTo'), doc.copyTo], [t('fields.signerName'), doc.signerName ?? ''],
    [t('fields.registrationNumber'), doc.registrationNumber ?? ''], [t('fields.copies'), doc.copies ? String(doc.copies) : ''],
    [t('fields.deadline'), when(doc.deadline)], [t('fields.retention'), doc.retentionYears === null ? '' : doc.retentionYears === 0 ? t('retentionPermanent') : t('retentionValue', { years: doc.retentionYears })],
  ] as [string, string][]).filter(([, value]) => value)
  // What happens to a distribution afterwards (receipt, recall, return) belongs to the 分发 step.
  const afterDistribution = new Set(['RECEIPT', 'RECALLED', 'RETURNED'])
  const distributeStep = doc.steps.find((st) => st.type === 'DISTRIBUTE')?.name ?? null
  return (
    <div className="stack document-page" data-revision={doc.revision}>
      <p><Link href="/documents">← {t('back')}</Link></p>
      <header className="card stack">
        <div className="row">
          <span className="badge gray">{t(`directions.${doc.direction}`)} · {t(`kinds.${doc.kind}`)}</span>
          {doc.urgency !== 'NORMAL' ? <span className="badge red">{t(`urgencies.${doc.urgency}`)}</span> : null}
          {doc.marking !== 'NONE' ? <span className="badge amber">{t(`markings.${doc.marking}`)}</span> : null}
          <span className={`badge ${doc.status === 'IN_PROGRESS' ? 'amber' : doc.status === 'DRAFT' ? 'gray' : 'green'}`} data-testid="document-step">{doc.currentStep?.name ?? t(`${incoming ? 'incomingStatuses' : 'statuses'}.${doc.status}`)}</span>
        </div>
        <div className="spread"><h1 style={{ margin: 0 }}>{doc.title}</h1><ThreadButton object="documents" id={doc.id} /></div>
        {doc.number ? <p className="doc-number" data-testid="document-number">{doc.number}</p> : null}
        {doc.direction === 'INCOMING' && doc.status !== 'DRAFT' ? <p className="small"><Link href={`/documents/new?replyTo=${doc.id}`}>{t('draftReply')}</Link></p> : null}
        {doc.direction === 'OUTGOING' ? (
          <p className="small row">
            <a href={`/api/documents/${doc.id}/pdf`} target="_blank" rel="noopener" data-testid="pdf-preview">{t('pdfPreview')}</a>
            {sealed ? <a href={`/api/documents/${doc.id}/seal/pdf`} target="_blank" rel="noopener" data-testid="sealed-pdf">{t('sealedPdf')}</a> : null}
          </p>
        ) : sealed ? (
          <p className="small row"><a href={`/api/documents/${doc.id}/seal/pdf`} target="_blank" rel="noopener" data-testid="received-pdf">{t('receivedPdf')}</a></p>
        ) : null}
        {doc.direction === 'OUTGOING' && doc.attachments.some((a) => a.notEmbeddable) ? (
          <p className="small" role="note" data-testid="pdf-missing-attachments">{t('pdfMissingAttachments', { count: doc.attachments.filter((a) => a.notEmbeddable).length })}</p>
        ) : null}
        <dl className="meta-grid">{meta.map(([k, value]) => <div key={k}><dt>{k}</dt><dd>{value}</dd></div>)}</dl>
      </header>

      {/* The text first, then what to do with it: on a phone nobody scrolls back up to sign. */}
      <section className="card stack">
        <div className="spread"><h2 style={{ margin: 0 }}>{t('body')}</h2><span className="small muted hide-phone">{doc.isReceived ? '' : t('bodyHint')}</span></div>
        {doc.isReceived ? <p className="small muted" style={{ margin: 0 }} data-testid="received-hint">{t('receivedHint')}</p> : null}
        <CoEditor documentId={doc.id} revision={doc.revision} me={{ id: actor.personId, name: actor.name }} label={t('body')} />
      </section>

      {doc.direction === 'INCOMING' && doc.status === 'DRAFT' && v.isRegistry ? (
        <RegisterPanel documentId={doc.id} revision={doc.revision} senderOrgan={doc.senderOrgan ?? ''} senderNumber={doc.senderNumber ?? ''} urgency={doc.urgency} />
      ) : v.mayEditDraft ? (
        <DraftPanel documentId={doc.id} mayManage={v.mayManageDraft} collaborators={doc.collaborators} />
      ) : null}
      {doc.direction === 'OUTGOING' && v.mayManageDraft ? <SubmitPanel documentId={doc.id} revision={doc.revision} firstStep={doc.steps[0] ?? null} /> : null}

      {acting ? (
        <ActionPanel
          documentId={doc.id} revision={doc.revision} direction={doc.direction} status={doc.status} step={doc.currentStep} stepIndex={doc.stepIndex}
          steps={doc.steps} actionable={v.actionableTaskIds.length > 0} actsFor={v.actsFor} mayWithdraw={v.mayWithdraw} isRegistry={v.isRegistry}
          phrases={[...commonOpinions]} units={flat} organId={doc.organId} reserved={reserved} nextStep={v.nextStep}
        />
      ) : null}
      {doc.direction === 'INCOMING' && doc.tasks.some((task) => task.assigneeId === actor.personId && doc.steps[task.stepIndex]?.type === 'INSTRUCT')
        ? <ToSupervision documentId={doc.id} itemId={await itemForDocument(db(), doc.id)} /> : null}
      {doc.direction === 'OUTGOING' ? <NoticeItems items={await itemsForNotice(db(), actor, doc.id)} /> : null}
      {v.actionableTaskIds.length > 0 && doc.currentStep?.type === 'SEAL' ? <SealPanel documentId={doc.id} revision={doc.revision} /> : null}
      {doc.status === 'ARCHIVED' && v.isRegistry ? <p><a className="button secondary" href={`/api/documents/${doc.id}/archive-export`} download data-testid="archive-export">{t('archiveExport')}</a></p> : null}

      <div className="doc-columns">
        <section className="card">
          <h2>{t('route')}</h2>
          {doc.steps.length === 0 ? <p className="muted small">{t('routeAfterSubmit')}</p> : null}
          {v.mayUrge ? <UrgeButton documentId={doc.id} /> : null}
          <ol className="route">
            {doc.steps.map((s, i) => {
              const tasks = doc.tasks.filter((task) => task.stepIndex === i && task.status !== 'CANCELLED' && task.status !== 'WITHDRAWN')
              return (
                <li key={i} className={i === doc.stepIndex ? 'current' : doc.stepIndex !== null && i < doc.stepIndex ? 'past' : doc.status === 'COMPLETED' || doc.status === 'ARCHIVED' ? 'past' : ''}>
                  <strong>{s.name}</strong>
                  {tasks.length ? (
                    <span className="small">
                      {tasks.map((task) => (
                        <span key={task.id} className={`badge ${task.status === 'PENDING' ? 'amber' : task.status === 'DONE' ? 'green' : 'gray'}`}>
                          {task.unitName ? `${task.unitName} ` : ''}{task.actedByName && task.actedByName !== task.assigneeName ? `${task.actedByName}（代${task.assigneeName}）` : task.assigneeName}
                          {task.status === 'PENDING' ? ` · ${t('stepPending')}` : task.status === 'DONE' ? ` · ${t('stepDone')}` : ''}
                        </span>
                      ))}
                    </span>
                  ) : null}
                </li>
              )
            })}
          </ol>
        </section>
        <section className="card">
          <div className="spread"><h2 style={{ margin: 0 }}>{t('opinions')}</h2><Link href={`/documents/${doc.id}/sheet`} className="small">{t('printSheet')}</Link></div>
          {doc.opinions.length === 0 ? <p className="muted">{t('noOpinions')}</p> : (
            <ol className="opinions" data-testid="opinions">
              {doc.opinions.map((o) => (
                <li key={o.id}>
                  <div className="small muted">{o.stepName} · {o.personName}{o.onBehalfOfName ? `（代${o.onBehalfOfName}）` : ''} · {when(o.createdAt)}</div>
                  <div className="opinion-text">{o.text}</div>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      {doc.distributions.length ? (
        <section className="card">
          <h2>{t('distributions')}</h2>
          <ul className="inbox-list" data-testid="distributions">
            {doc.distributions.map((d) => (
              <li key={d.id} className="spread" style={{ padding: '10px 4px' }}>
                <span>{d.recipientName} {d.isExchange ? <span className="badge gray">{t('exchange')}</span> : null}</span>
                <span className="row small">
                  <span className={`badge ${d.status === 'SIGNED_FOR' ? 'green' : d.status === 'RECALLED' ? 'gray' : d.status === 'RETURNED' ? 'red' : 'amber'}`}>
                    {d.status === 'SIGNED_FOR' ? `${t('signedFor')} ${when(d.signedForAt)}` : d.status === 'RECALLED' ? t('recalled')
                      : d.status === 'RETURNED' ? `${t('returnedBy')} ${when(d.returnedAt)}：${d.returnReason ?? ''}` : t('notSignedFor')}
                  </span>
                  {d.status === 'SENT' && v.isRegistry ? <RecallButton distributionId={d.id} /> : null}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {doc.readers.length ? (
        <section className="card">
          <h2>{t('readers')}</h2>
          <div className="row">
            {doc.readers.map((r) => <span key={r.personId} className={`badge ${r.readAt ? 'green' : 'gray'}`}>{r.name} · {r.readAt ? t('hasRead') : t('notRead')}</span>)}
          </div>
        </section>
      ) : null}

      <AttachmentsPanel documentId={doc.id} attachments={doc.attachments} mayManage={v.mayManageAttachments} frozen={doc.freeze} />

      <VersionsPanel key={doc.revision} documentId={doc.id} mayEdit={v.mayEditBody} initial={JSON.parse(JSON.stringify(await documentVersions(db(), actor, doc.id)))} />

      <section className="card">
        <h2>{t('timeline')}</h2>
        <ol className="timeline">
          {doc.events.map((e) => {
            const d = (e.details ?? {}) as Record<string, unknown>
            const extra = [d.reason, d.message, d.to, d.name, d.unit, Array.isArray(d.units) ? d.units.join('、') : null, d.registrationNumber].filter(Boolean).join(' · ')
            return (
              <li key={String(e.id)}>
                <span className="small muted">{when(e.at)}</span> <strong>{t(`events.${e.action}` as 'events.CREATED')}</strong> {(e.stepName ?? (afterDistribution.has(e.action) ? distributeStep : null)) ? `· ${e.stepName ?? distributeStep}` : ''} {e.actorName ? `· ${e.actorName}` : ''} {extra ? <span className="muted">· {extra}</span> : null}
              </li>
            )
          })}
        </ol>
      </section>
    </div>
  )
}
