export { listRoles, createRole, updateRole, deleteRole } from './manage-roles.ts'
export { listGrants, grantRole, revokeGrant } from './manage-grants.ts'
export { accessPolicy } from './policy.ts'
export { roleFields, grantInput, type RoleFields, type GrantInput } from './schemas.ts'
