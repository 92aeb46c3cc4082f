import { Tag } from 'antd';
import { NewEntityForm } from '../../../components/studio/new-entity-form';
import { localized, uiText } from '../../../i18n';
import { studioContext } from '../../../lib/studio-context';

export const dynamic = 'force-dynamic';

/** The district's entity files (shipped and plugins' own are not here: plugins define theirs in code). */
export default async function StudioEntitiesPage() {
  const pc = await studioContext();
  if (!pc) return null;
  const { api, lang, runtime } = pc;
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const overview = await api.studio.overview();
  const entities = overview.files.filter((f) => f.kind === 'entity');
  return (
    <section aria-labelledby="studio-entities">
      <h2 id="studio-entities" style={{ fontSize: 18 }}>
        {tx('studio.entities.title')}
      </h2>
      <table className="gw-table gw-studio-table">
        <thead>
          <tr>
            <th>{tx('studio.entities.label')}</th>
            <th>{tx('studio.entities.name')}</th>
            <th>{tx('studio.entities.file')}</th>
            <th>{tx('studio.entities.fields')}</th>
            <th>{tx('studio.entities.state')}</th>
          </tr>
        </thead>
        <tbody>
          {entities.map((f) => {
            const running = f.name && runtime.registry.all().find((e) => e.name === f.name);
            return (
              <tr key={f.path} data-entity-file={f.path}>
                <td>
                  <a href={`/studio/entities/${f.name}`}>{running ? localized(running.def.label, lang) : f.name}</a>
                </td>
                <td>
                  <code>{f.name}</code>
                </td>
                <td>
                  <code>{f.path}</code>
                </td>
                <td>{running ? Object.keys(running.def.schema.properties).length : '—'}</td>
                <td>{f.inDraft ? <Tag color="orange">{tx('studio.entities.inDraft')}</Tag> : <Tag>{tx('studio.entities.published')}</Tag>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <NewEntityForm lang={lang} taken={[...entities.map((f) => f.name ?? ''), ...runtime.registry.all().map((e) => e.name)]} />
    </section>
  );
}
