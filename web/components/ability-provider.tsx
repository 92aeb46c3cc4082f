'use client';

import { unpackRules, type PackRule } from '@casl/ability/extra';
import { AbilityProvider as CaslAbilityProvider } from '@casl/react';
import { useMemo, type ReactNode } from 'react';
import { createAppAbility, type AppRule } from '../../core/access/app-ability';

/**
 * The user's own rules, packed by the server, as a CASL ability in the browser: the UI hides what
 * the user cannot do. The server checks everything again; this only spares people dead buttons.
 */
export function AbilityProvider({ rules, children }: { rules: PackRule<AppRule>[]; children: ReactNode }) {
  const ability = useMemo(() => createAppAbility(unpackRules(rules)), [rules]);
  return <CaslAbilityProvider value={ability}>{children}</CaslAbilityProvider>;
}

export { Can } from '@casl/react';
