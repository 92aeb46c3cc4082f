import { subject } from '@casl/ability';
import type { CompiledEntity, EntityRecord } from '../entities';

/** What CASL conditions see of a record: its data plus the access fields scopes refer to. */
export interface RecordAccessFields {
  orgPath: string;
  assignedUnitIds: string[];
  assignedUserIds: string[];
}

export function recordSubject(entity: CompiledEntity, record: EntityRecord, access: RecordAccessFields) {
  return subject(entity.subject, {
    ...record.data,
    id: record.id,
    orgUnitId: record.orgUnitId,
    orgPath: access.orgPath,
    status: record.status,
    createdBy: record.createdBy,
    assignedUnitIds: access.assignedUnitIds,
    assignedUserIds: access.assignedUserIds,
  });
}
