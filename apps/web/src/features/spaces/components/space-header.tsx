import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';

/** The space's kind, name and place, at the top of its page. */
export function SpaceHeader({ space }: { space: Space }) {
  const { t } = useTranslation();
  return (
    <header className="page-header">
      <div>
        <p className="eyebrow">{t(`spaces.kind.${space.kind}`)}</p>
        <h1>{space.name}</h1>
        <p className="lead">
          {space.site.name} · {space.site.commune}
        </p>
      </div>
    </header>
  );
}
