import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// Who holds which role in which org unit (one person, several roles, several units), and which
// units/users a record is assigned to (tasks go to units, not copies per user).
export function access() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('user_role')
        .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('org_unit_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role', 'org_unit_id'])
        .execute();
      await db.schema.createIndex('user_role_unit').on('user_role').columns(['org_unit_id', 'role']).execute();
      await db.schema
        .createTable('record_assignment')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text')
        .addColumn('user_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('record_assignment_record').on('record_assignment').columns(['entity', 'record_id']).execute();
      await db.schema.createIndex('record_assignment_unit').on('record_assignment').columns(['unit_id', 'entity', 'record_id']).execute();
      await db.schema.createIndex('record_assignment_user').on('record_assignment').columns(['user_id', 'entity', 'record_id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('record_assignment').execute();
      await db.schema.dropTable('user_role').execute();
    },
  };
}
