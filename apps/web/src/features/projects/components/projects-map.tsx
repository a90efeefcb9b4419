import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { divIcon, latLngBounds } from 'leaflet';
import { MapContainer, Marker, Popup, ZoomControl } from 'react-leaflet';
import type { Project } from '@lieux/contracts';
import { useInstance } from '../../../api/instance';
import { FRANCE_BOUNDS, FranceBase } from '../../../components/map/france-base';
import { currentLanguage } from '../../../lib/i18n';
import { formatFigure } from './format';
import { projectPath } from '../paths';

/** A marker whose text (its name for screen readers) is set as text, never as HTML. */
function iconOf(visible: string, spoken: string) {
  const root = document.createElement('span');
  const badge = document.createElement('span');
  badge.className = 'map-pin__badge';
  badge.setAttribute('aria-hidden', 'true');
  badge.textContent = visible;
  const name = document.createElement('span');
  name.className = 'visually-hidden';
  name.textContent = spoken;
  root.append(badge, name);
  return divIcon({
    className: 'map-pin',
    html: root,
    iconSize: undefined,
    iconAnchor: [16, 16],
    popupAnchor: [0, -14],
  });
}

/** The frame of the projects' places (France when there is none). */
export function boundsOf(projects: Pick<Project, 'territory'>[]): [[number, number], [number, number]] {
  if (projects.length === 0) return FRANCE_BOUNDS;
  const lats = projects.map((p) => p.territory.latitude);
  const lons = projects.map((p) => p.territory.longitude);
  const pad = 0.3;
  return [
    [Math.min(...lats) - pad, Math.min(...lons) - pad],
    [Math.max(...lats) + pad, Math.max(...lons) + pad],
  ];
}

/** The projects on France's outlines, each a marker whose popup gives its hours hosted and links to it. */
export default function ProjectsMap({ projects }: { projects: Project[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const instance = useInstance();
  const bounds = useMemo(() => latLngBounds(boundsOf(projects)), [projects]);
  return (
    <div className="projects-map" data-testid="projects-map">
      <MapContainer
        className="projects-map__map"
        bounds={bounds}
        zoomControl={false}
        minZoom={4}
        maxZoom={14}
      >
        <ZoomControl position="topright" zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />
        <FranceBase tileUrl={instance.data?.mapStyleUrl} />
        {projects.map((p) => {
          const hours = formatFigure(p.figures.bookedHours, lang);
          return (
            <Marker
              key={p.id}
              position={[p.territory.latitude, p.territory.longitude]}
              icon={iconOf(`${hours} h`, t('projects.map.marker', { title: p.title, hours }))}
              title={p.title}
            >
              <Popup>
                <div className="map-popup">
                  <p className="map-popup__site">
                    {/* A plain link: a router navigation from a Leaflet popup may be overtaken by the map. */}
                    <a href={projectPath(p.id)}>{p.title}</a>
                  </p>
                  <p className="muted">
                    {t(`essThemes.${p.theme}`)} · {p.organisationName}
                  </p>
                  <p>{t('projects.map.hours', { hours, sqm: formatFigure(p.figures.usedSqmHours, lang) })}</p>
                </div>
              </Popup>
            </Marker>
          );
        })}
      </MapContainer>
    </div>
  );
}
