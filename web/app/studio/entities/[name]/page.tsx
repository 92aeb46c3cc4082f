import type { EntityDefinition } from '../../../../../core/config/types.generated';
import { ErrorPage } from '../../../../components/error-page';
import { EntityDesignerPage } from '../../../../components/studio/entity-designer-page';
import { studioContext } from '../../../../lib/studio-context';
import { previewContext } from '../../../../lib/studio-form-context';

export const dynamic = 'force-dynamic';

/** One entity's designer: the draft's copy of its file if the draft has one, else the running version's. */
export default async function StudioEntityPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const pc = await studioContext();
  if (!pc) return null;
  const { api, lang, runtime } = pc;
  const overview = await api.studio.overview();
  const entry = overview.files.find((f) => f.kind === 'entity' && f.name === name);
  if (!entry) return <ErrorPage lang={lang} reason="notFound" />;
  const [file, schemas] = await Promise.all([api.studio.file({ path: entry.path }), api.studio.schemas()]);
  const running = runtime.registry.all().find((e) => e.name === name);
  return (
    <EntityDesignerPage
      key={entry.path}
      lang={lang}
      path={entry.path}
      initial={file.content as EntityDefinition}
      rev={file.rev}
      published={running ? Object.keys(running.def.schema.properties) : []}
      entitySchema={(schemas.entity as object | undefined) ?? null}
      context={previewContext(runtime, lang)}
    />
  );
}
