import { EditPage } from '../../../../../lib/edit-page';

export const dynamic = 'force-dynamic';

export default async function EditRecordPage({ params }: { params: Promise<{ entity: string; id: string }> }) {
  const { entity, id } = await params;
  return <EditPage entity={entity} id={id} />;
}
