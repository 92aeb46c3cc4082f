import { ListPage } from '../../../lib/list-page';
import type { SearchParams } from '../../../lib/list-view';

export const dynamic = 'force-dynamic';

/** Any entity's list — plugins' entities too — from its schema and UI schema; no per-entity code. */
export default async function EntityListPage({ params, searchParams }: { params: Promise<{ entity: string }>; searchParams: Promise<SearchParams> }) {
  const { entity } = await params;
  return <ListPage entity={entity} searchParams={await searchParams} basePath={`/entities/${entity}`} />;
}
