import type { Runtime } from '../runtime';
import { DEMO_PASSWORD, seedDemoAccounts } from './demo-accounts';
import { seedDistrict } from './seed-district';

/**
 * What `serve --demo` loads before it serves: the demo cases when the database has none, and the
 * demo accounts (never under NODE_ENV=production: their password is public). Returns what to print.
 */
export async function seedDemo(runtime: Runtime): Promise<string[]> {
  const lines: string[] = [];
  const result = await seedDistrict(runtime, { scale: 'demo' });
  if (result.created) lines.push(`demo data: ${result.created} cases`);
  if (process.env.NODE_ENV === 'production') lines.push('NODE_ENV=production: demo accounts are not created');
  else {
    const accounts = await seedDemoAccounts(runtime);
    if (accounts.created.length) lines.push(`demo accounts: ${accounts.created.map((a) => a.username).join(', ')} (password ${DEMO_PASSWORD})`);
  }
  return lines;
}
