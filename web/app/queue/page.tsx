import { getRuntime } from '../../../core/runtime';
import { ListPage } from '../../lib/list-page';
import type { SearchParams } from '../../lib/list-view';
import { caseEntity } from '../../lib/page-context';

export const dynamic = 'force-dynamic';

/** The command centre's one queue of every channel, filtered by channel, category, status, unit, overdue. */
export default async function QueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const entity = caseEntity(await getRuntime());
  return <ListPage entity={entity} searchParams={await searchParams} basePath="/queue" queue />;
}
