import { randomBytes } from 'node:crypto';
import { loadPrincipal, type UserProfile } from '../core/auth';
import { systemContext } from '../core/entities';
import type { Runtime } from '../core/runtime';

/** A user holding the given roles, created through the real user service. */
export async function createPrincipal(runtime: Runtime, assignments: { role: string; unitId: string }[], username?: string): Promise<UserProfile> {
  const name = username ?? `u${randomBytes(5).toString('hex')}`;
  const user = await runtime.users.create(systemContext('en'), { username: name, name, password: 'Test-password-1', assignments });
  return (await loadPrincipal(runtime.db, user.id))!;
}
