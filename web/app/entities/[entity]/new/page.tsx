import { EditPage } from '../../../../lib/edit-page';

export const dynamic = 'force-dynamic';

export default async function NewRecordPage({ params }: { params: Promise<{ entity: string }> }) {
  return <EditPage entity={(await params).entity} />;
}
