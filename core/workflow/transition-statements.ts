import { preparedQuery } from '../db';

// Statements every transition runs, compiled once (see preparedQuery).

/** The state change of a transition, conditional on the state and version the caller saw. */
export const moveState = preparedQuery((db, p, table) =>
  db
    .updateTable(table)
    .set({ status: p.to, version: p.version, updated_at: p.now, updated_by: p.actor })
    .where('id', '=', p.id)
    .where('status', '=', p.from)
    .where('version', '=', p.seen)
    .where('deleted_at', 'is', null),
);

export const responsibleUnitOf = preparedQuery((db, p) =>
  db.selectFrom('record_assignment').select('unit_id').where('entity', '=', p.entity).where('record_id', '=', p.recordId).where('kind', '=', 'responsible'),
);

export const assignmentsOf = preparedQuery((db, p) => db.selectFrom('record_assignment').select(['unit_id', 'user_id']).where('entity', '=', p.entity).where('record_id', '=', p.recordId));
