import { getRuntime } from '../../../../../core/runtime';

export const dynamic = 'force-dynamic';

// better-auth's own endpoints: sign-in/username, sign-out, get-session, change-password.
async function handler(req: Request) {
  return (await getRuntime()).auth.handler(req);
}

export { handler as GET, handler as POST };
