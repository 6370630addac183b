import { randomUUID } from 'node:crypto'
import type { Tx } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { documentTokens } from './search-tokens.ts'

/**
 * A few conversations among the demo accounts (README): 张伟 (drafter) and 李娜 (drafter2) one to one;
 * the topic group 2026年预算编制专班 owned by 陈建国 (leader); the 秘书科 unit group, whose members are
 * whoever holds a post there. Called from the demo seed's transaction.
 */
export async function seedMessagingDemo(tx: Tx, personIds: Map<string, string>): Promise<void> {
  const id = (account: string) => personIds.get(account)
  const [drafter, drafter2, leader, head, finhead] = ['drafter', 'drafter2', 'leader', 'head', 'finhead'].map(id)
  if (!drafter || !drafter2 || !leader || !head || !finhead) return
  const start = clock.now().getTime() - minutes(90)
  let tick = 0
  const at = () => new Date(start + minutes(3) * tick++)

  const conversation = async (data: { kind: 'DIRECT' | 'TOPIC' | 'UNIT'; title?: string; directKey?: string; unitId?: string; createdById?: string }, members: { personId: string; role?: 'OWNER' | 'MEMBER' }[], lines: [string, string][]) => {
    const c = await tx.conversation.create({ data: { kind: data.kind, title: data.title ?? '', directKey: data.directKey, unitId: data.unitId, createdById: data.createdById, createdAt: at() } })
    if (members.length) await tx.conversationMember.createMany({ data: members.map((m) => ({ conversationId: c.id, personId: m.personId, role: m.role ?? 'MEMBER' })) })
    let seq = 0
    let last = new Date()
    for (const [senderId, text] of lines) {
      last = at()
      seq++
      await tx.$executeRaw`
        INSERT INTO "Message" (id, "conversationId", seq, "clientId", "senderId", text, "createdAt", "searchTsv")
        VALUES (gen_random_uuid(), ${c.id}::uuid, ${seq}, ${randomUUID()}, ${senderId}::uuid, ${text}, ${last}, array_to_tsvector(${documentTokens(text)}::text[]))`
      await tx.$executeRaw`
        INSERT INTO "ConversationState" ("conversationId", "personId", "readSeq") VALUES (${c.id}::uuid, ${senderId}::uuid, ${seq})
        ON CONFLICT ("conversationId", "personId") DO UPDATE SET "readSeq" = EXCLUDED."readSeq"`
    }
    await tx.conversation.update({ where: { id: c.id }, data: { lastSeq: seq, lastMessageAt: last } })
  }

  await conversation({ kind: 'DIRECT', directKey: [drafter, drafter2].sort().join(':'), createdById: drafter }, [{ personId: drafter }, { personId: drafter2 }], [
    [drafter, '娜姐，防汛通知的初稿我放在公文里了，你帮我看看第二部分？'],
    [drafter2, '好的，下午三点前给你意见。'],
    [drafter, '谢谢！附件里的 PDF 是去年的版本，可以参考。'],
  ])
  await conversation({ kind: 'TOPIC', title: '2026年预算编制专班', createdById: leader }, [{ personId: leader, role: 'OWNER' }, { personId: finhead }, { personId: head }, { personId: drafter }, { personId: drafter2 }], [
    [leader, '各位，2026年预算编制工作今天启动，周五上午召开专题会议。'],
    [finhead, '财政局已经把预算编制口径发到各部门，请秘书科汇总会议材料。'],
    [head, '收到，张伟负责汇总，周四下班前报送。'],
  ])
  const secretariat = await tx.post.findFirst({ where: { personId: drafter, isPrimary: true }, select: { unitId: true, unit: { select: { name: true } } } })
  if (secretariat) {
    await conversation({ kind: 'UNIT', title: secretariat.unit.name, unitId: secretariat.unitId }, [], [
      [head, '本周值班表已更新，请大家查看。'],
    ])
  }
}
