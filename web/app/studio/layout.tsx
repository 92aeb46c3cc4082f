import type { ReactNode } from 'react';
import { AppShell } from '../../components/app-shell';
import { ErrorPage } from '../../components/error-page';
import { DraftBanner } from '../../components/studio/draft-banner';
import { StudioNav } from '../../components/studio/studio-nav';
import { uiText } from '../../i18n';
import { pageContext } from '../../lib/page-context';
import { canConfigure } from '../../lib/studio-context';
import { studioOverview } from '../../lib/studio-overview';
import './studio.css';

export const dynamic = 'force-dynamic';

/**
 * The admin studio's frame: only users with the `configure` right on Config get past it (others see
 * the 403 page, decided here on the server); then the studio menu and the state of the shared draft.
 */
export default async function StudioLayout({ children }: { children: ReactNode }) {
  const pc = await pageContext();
  const { lang, shell } = pc;
  if (!canConfigure(pc)) {
    return (
      <AppShell shell={shell} current="/studio">
        <ErrorPage lang={lang} reason="forbidden" />
      </AppShell>
    );
  }
  const overview = await studioOverview(pc);
  return (
    <AppShell shell={shell} current="/studio">
      <div className="gw-studio" data-studio>
        <h1 className="gw-studio-title">{uiText(lang, 'studio.title')}</h1>
        <StudioNav lang={lang} />
        <DraftBanner lang={lang} state={overview} />
        {children}
      </div>
    </AppShell>
  );
}
