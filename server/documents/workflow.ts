import { z } from 'zod'

/** What a step does; the engine treats them alike, the pages and the registry actions differ. */
export const outgoingStepTypes = ['REVIEW', 'COUNTERSIGN', 'SIGN_OFF', 'RECHECK', 'NUMBER', 'SEAL', 'DISTRIBUTE'] as const
export const incomingStepTypes = ['FIRST_CHECK', 'PROPOSE', 'INSTRUCT', 'HANDLE', 'CIRCULATE', 'COMPLETE', 'ARCHIVE'] as const
export const stepTypes = [...outgoingStepTypes, ...incomingStepTypes] as const
export type StepType = (typeof stepTypes)[number]

/** Who acts at a step. */
export const assigneeRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('PERSON'), personId: z.uuid() }),
  /** Holders of a role whose scope covers the document's organisation (or the given unit). */
  z.object({ kind: z.literal('ROLE'), roleKey: z.string().min(1).max(100), unitId: z.uuid().optional() }),
  /** The principal (处长/科长) of the drafter's unit. */
  z.object({ kind: z.literal('DRAFTER_DIVISION_HEAD') }),
  /** The leader in charge (分管领导) of the drafter's unit or the nearest unit above it that has one. */
  z.object({ kind: z.literal('LEADER_IN_CHARGE') }),
  /** Registry staff (document.register) of the document's organisation. */
  z.object({ kind: z.literal('REGISTRY') }),
  /** Chosen by whoever completes the step before (countersigning units, handling units, readers). */
  z.object({ kind: z.literal('CHOSEN') }),
])
export type AssigneeRule = z.infer<typeof assigneeRule>

export const workflowStep = z.object({
  type: z.enum(stepTypes),
  name: z.string().trim().min(1).max(40),
  assignee: assigneeRule,
  /** With several participants: done when all have acted, or when any one has. */
  completion: z.enum(['ALL', 'ANY']).default('ALL'),
  /** Hours to act before the step is overdue (reminders and urging follow). */
  timeLimitHours: z.number().int().min(1).max(24 * 90).optional(),
  /** Whether the participants may edit the body (reviewers' edits show as track changes). */
  editsBody: z.boolean().default(false),
  /** A CHOSEN step nobody was chosen for is skipped (会签 only when other units are involved). */
  optional: z.boolean().default(false),
})
export type WorkflowStep = z.infer<typeof workflowStep>

export const workflowSteps = z.array(workflowStep).min(1).max(30)

/** The templates a fresh platform starts with; admins edit them (and add others) in the interface. */
export const defaultTemplates: { name: string; direction: 'OUTGOING' | 'INCOMING'; steps: z.input<typeof workflowStep>[] }[] = [
  {
    name: '发文通用流程',
    direction: 'OUTGOING',
    steps: [
      { type: 'REVIEW', name: '核稿', assignee: { kind: 'DRAFTER_DIVISION_HEAD' }, editsBody: true, timeLimitHours: 24 },
      { type: 'COUNTERSIGN', name: '会签', assignee: { kind: 'CHOSEN' }, completion: 'ALL', optional: true, timeLimitHours: 48 },
      { type: 'SIGN_OFF', name: '签发', assignee: { kind: 'LEADER_IN_CHARGE' }, editsBody: true, timeLimitHours: 24 },
      { type: 'RECHECK', name: '复核', assignee: { kind: 'REGISTRY' }, completion: 'ANY' },
      { type: 'NUMBER', name: '编号登记', assignee: { kind: 'REGISTRY' }, completion: 'ANY' },
      { type: 'SEAL', name: '用印', assignee: { kind: 'REGISTRY' }, completion: 'ANY' },
      { type: 'DISTRIBUTE', name: '分发', assignee: { kind: 'REGISTRY' }, completion: 'ANY' },
    ],
  },
  {
    name: '收文通用流程',
    direction: 'INCOMING',
    steps: [
      { type: 'FIRST_CHECK', name: '初审', assignee: { kind: 'REGISTRY' }, completion: 'ANY' },
      { type: 'PROPOSE', name: '拟办', assignee: { kind: 'DRAFTER_DIVISION_HEAD' }, timeLimitHours: 24 },
      { type: 'INSTRUCT', name: '批办', assignee: { kind: 'LEADER_IN_CHARGE' }, timeLimitHours: 48 },
      { type: 'HANDLE', name: '承办', assignee: { kind: 'CHOSEN' }, completion: 'ALL', timeLimitHours: 24 * 5 },
      { type: 'CIRCULATE', name: '传阅', assignee: { kind: 'CHOSEN' }, completion: 'ALL', optional: true },
      { type: 'COMPLETE', name: '办结', assignee: { kind: 'REGISTRY' }, completion: 'ANY' },
      { type: 'ARCHIVE', name: '归档', assignee: { kind: 'REGISTRY' }, completion: 'ANY' },
    ],
  },
]

/** Common phrases offered when writing an opinion (意见). */
export const commonOpinions = ['同意。', '已阅。', '拟同意，请领导审签。', '同意，请办公室按程序办理。', '请修改后再报。', '请按领导批示办理。'] as const
