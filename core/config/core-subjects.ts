/** Permission subjects the core itself defines; entity subjects and plugin subjects are added to these. */
export const CORE_SUBJECTS = ['all', 'Case', 'OrgUnit', 'User', 'AuditLog', 'Config', 'Broadcast'] as const;

/** Field names taken by system columns and by the access fields permission conditions use. */
export const RESERVED_FIELDS = ['id', 'status', 'version', 'orgUnitId', 'orgPath', 'createdBy', 'assignedUnitIds', 'assignedUserIds'] as const;

export function entitySubject(entity: { name: string; subject?: string }): string {
  return entity.subject ?? entity.name[0].toUpperCase() + entity.name.slice(1);
}
