import type { Kysely } from 'kysely';
import type { Principal } from '../access/build-ability';

export interface UserProfile extends Principal {
  username: string;
  name: string;
  disabled: boolean;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1';

/** A user with their role assignments, or undefined when unknown. */
export async function loadPrincipal(db: Kysely<any>, userId: string): Promise<UserProfile | undefined> {
  const user = await db.selectFrom('user').select(['id', 'username', 'name', 'disabled']).where('id', '=', userId).executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom('user_role').select(['role', 'org_unit_id']).where('user_id', '=', userId).orderBy('role').orderBy('org_unit_id').execute();
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    disabled: truthy(user.disabled),
    assignments: roles.map((r) => ({ role: r.role, unitId: r.org_unit_id })),
  };
}
