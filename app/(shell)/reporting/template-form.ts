export type Col = { key: string; label: string; type: string; required: boolean; measure: string; min: string; max: string; options: string }
export type F = Col & { help: string; columns: Col[] }
export type Section = { title: string; fields: F[] }
export type Out = Record<string, unknown>

/** A stored definition as the editor's form state (numbers and options as text). */
export function fromDefinition(def: { sections: { title: string; fields: Out[] }[] }): Section[] {
  const col = (c: Out): Col => ({ key: String(c.key), label: String(c.label), type: String(c.type), required: !!c.required, measure: String(c.measure ?? ''), min: c.min === undefined ? '' : String(c.min), max: c.max === undefined ? '' : String(c.max), options: ((c.options as string[] | undefined) ?? []).join('、') })
  return def.sections.map((s) => ({ title: s.title, fields: s.fields.map((f) => ({ ...col(f), help: String(f.help ?? ''), columns: ((f.columns as Out[] | undefined) ?? []).map(col) })) }))
}

