import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { geoArea, geoConicConformal, geoContains, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { OccupancyRow } from '@lieux/contracts';
import { NO_RATE_COLOUR, RATE_CLASSES, rateColour } from './occupancy-colours';
// Départements of France (Natural Earth), made by apps/web/scripts/boundaries.mjs: bundled, so the map
// needs no network.
import boundaries from '../../../components/map/boundaries/france.topo.json';

/** d3 wants exterior rings clockwise; a ring the other way round would cover the whole globe but the shape. */
function rewound(f: Feature<Geometry>): Feature<Geometry> {
  if (geoArea(f) <= 2 * Math.PI) return f;
  const g = f.geometry;
  if (g.type === 'Polygon')
    return { ...f, geometry: { ...g, coordinates: g.coordinates.map((r) => [...r].reverse()) } };
  if (g.type === 'MultiPolygon')
    return {
      ...f,
      geometry: { ...g, coordinates: g.coordinates.map((p) => p.map((r) => [...r].reverse())) },
    };
  return f;
}

const topology = boundaries as unknown as Topology<{ departements: GeometryCollection }>;
const DEPARTEMENTS: Feature<Geometry>[] = feature(topology, topology.objects.departements).features.map(
  rewound,
);

const WIDTH = 560;
const HEIGHT = 480;

/** The region's sites as points on their départements, coloured by occupancy. Works offline. */
export function OccupancyMap({
  sites,
  format,
}: {
  sites: OccupancyRow[];
  format: (rate: number | null) => string;
}) {
  const { t } = useTranslation();
  const located = sites.filter((s) => s.latitude !== undefined && s.longitude !== undefined);
  const { projection, around } = useMemo(() => {
    const points = located.map((s) => [s.longitude!, s.latitude!] as [number, number]);
    const around = DEPARTEMENTS.filter((d) => points.some((p) => geoContains(d, p)));
    const overseas = points.some(([, lat]) => lat < 35);
    const projection: GeoProjection = overseas
      ? geoMercator()
      : geoConicConformal().parallels([44, 49]).rotate([-3, 0]);
    const target: FeatureCollection = {
      type: 'FeatureCollection',
      features:
        around.length > 0
          ? around
          : points.map((p) => ({
              type: 'Feature',
              properties: {},
              geometry: { type: 'Point', coordinates: p },
            })),
    };
    if (target.features.length > 0)
      projection.fitExtent(
        [
          [16, 16],
          [WIDTH - 16, HEIGHT - 16],
        ],
        target,
      );
    return { projection, around: new Set(around) };
  }, [located]);
  const path = geoPath(projection);

  return (
    <figure className="occupancy-map">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('reports.map.label', { count: located.length })}
        data-testid="occupancy-map"
      >
        <rect width={WIDTH} height={HEIGHT} className="occupancy-map__water" />
        {DEPARTEMENTS.map((d, i) => (
          <path
            key={i}
            d={path(d) ?? undefined}
            className={around.has(d) ? 'occupancy-map__land' : 'occupancy-map__land--far'}
            strokeWidth={0.6}
          />
        ))}
        {located.map((s) => {
          const xy = projection([s.longitude!, s.latitude!]);
          if (!xy) return null;
          return (
            <circle
              key={s.key}
              cx={xy[0]}
              cy={xy[1]}
              r={7}
              fill={rateColour(s.rate)}
              className="occupancy-map__site"
              strokeWidth={1}
            >
              <title>{`${s.label} : ${format(s.rate)}`}</title>
            </circle>
          );
        })}
      </svg>
      <figcaption>
        <ul className="occupancy-legend" aria-label={t('reports.map.legend')}>
          {RATE_CLASSES.map((c, i) => (
            <li key={c.upTo}>
              <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
              {t('reports.map.upTo', {
                from: format(i === 0 ? 0 : RATE_CLASSES[i - 1].upTo),
                to: format(c.upTo),
              })}
            </li>
          ))}
          <li>
            <span className="swatch" style={{ background: NO_RATE_COLOUR }} aria-hidden="true" />
            {t('reports.map.noRate')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
