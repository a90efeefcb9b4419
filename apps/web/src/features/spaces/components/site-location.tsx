import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteSummary } from '@lieux/contracts';

/**
 * Where the space is: its site's name and postal address, and room for a small map (`map`, placed by the
 * page) beside it. The address stays the primary information: the map only illustrates it.
 */
export function SiteLocation({ site, map }: { site: SiteSummary; map?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="space-section site-location" aria-labelledby="location-title">
      <h2 id="location-title">{t('space.location.title')}</h2>
      <address className="site-location__address">
        <strong>{site.name}</strong>
        <br />
        {site.address}
        <br />
        {site.postcode} {site.commune}
      </address>
      {map && <div className="site-location__map">{map}</div>}
    </section>
  );
}
