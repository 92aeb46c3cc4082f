'use client';

import { useRouter } from 'next/navigation';
import { EntityDesigner, type EntityDesignerProps } from './entity-designer';

/** The designer on its page: a save refreshes the server-rendered parts (the draft banner). */
export function EntityDesignerPage(props: Omit<EntityDesignerProps, 'onSaved'>) {
  const router = useRouter();
  return <EntityDesigner {...props} onSaved={() => router.refresh()} />;
}
