/** The directory's Excel layout, shared by import and export so that an export imports back unchanged. */
export const UNIT_SHEET = '单位'
export const PEOPLE_SHEET = '人员'

export const unitColumns = ['单位路径', '简称', '机关代字', '类型', '排序'] as const
export const peopleColumns = ['账号', '姓名', '手机', '邮箱', '单位路径', '职务', '领导类型', '主职', '分管单位', '初始密码'] as const

export const kindLabels = { PROVINCE: '省', CITY: '市', COUNTY: '县区', DEPARTMENT: '部门', DIVISION: '处室', OTHER: '其他' } as const
export const leaderLabels = { NONE: '', PRINCIPAL: '主要领导', DEPUTY: '分管领导' } as const

export const PATH_SEPARATOR = '/'
export const LIST_SEPARATOR = /[;；,，]/
