import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { latLngBounds } from 'leaflet';
import { CircleMarker, MapContainer, Tooltip, ZoomControl, useMap, useMapEvents } from 'react-leaflet';
import type { UnmetDemandRow } from '@lieux/contracts';
import { FRANCE_BOUNDS, FranceBase } from '../../../components/map/france-base';
import { placesOf, radiusOf, type DemandPlace } from '../unmet-demand';

/**
 * Where open needs find no space: one circle per département (or commune, closer in), its area growing
 * with the number of needs. The table beside it says the same in words; the map is its picture.
 */
export default function UnmetDemandMap({
  rows,
  frameKey,
  onZoom,
  tileUrl,
}: {
  rows: UnmetDemandRow[];
  /** The map frames the places again when this changes (another scope, kind or theme). */
  frameKey: string;
  onZoom: (zoom: number) => void;
  tileUrl?: string | null;
}) {
  const { t } = useTranslation();
  const places = useMemo(() => placesOf(rows), [rows]);
  const most = places[0]?.needs ?? 0;
  return (
    <MapContainer
      className="demand-map__map"
      bounds={FRANCE_BOUNDS}
      zoomControl={false}
      minZoom={4}
      maxZoom={13}
    >
      <ZoomControl position="topright" zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />
      <FranceBase tileUrl={tileUrl} />
      {places.map((p) => (
        <Place key={p.code} place={p} most={most} />
      ))}
      <Framing places={places} frameKey={frameKey} onZoom={onZoom} />
    </MapContainer>
  );
}

function Place({ place, most }: { place: DemandPlace; most: number }) {
  const { t } = useTranslation();
  return (
    <CircleMarker
      pane="markerPane"
      center={[place.latitude, place.longitude]}
      radius={radiusOf(place.needs, most)}
      // As an option of the circle (read once, when Leaflet draws it); `pathOptions` only restyles.
      className="demand-map__place"
      pathOptions={{ weight: 1.5, fillOpacity: 0.6 }}
    >
      <Tooltip>{t('unmetDemand.map.place', { name: place.name, count: place.needs })}</Tooltip>
    </CircleMarker>
  );
}

/** Frames the places when the question changes (not when the zoom alone asks for communes). */
function Framing({
  places,
  frameKey,
  onZoom,
}: {
  places: DemandPlace[];
  frameKey: string;
  onZoom: (zoom: number) => void;
}) {
  const map = useMap();
  const framed = useRef<string | null>(null);
  useMapEvents({ zoomend: () => onZoom(map.getZoom()) });
  useEffect(() => {
    if (framed.current === frameKey || places.length === 0) return;
    framed.current = frameKey;
    const bounds = latLngBounds(places.map((p) => [p.latitude, p.longitude]));
    map.fitBounds(bounds, { animate: false, maxZoom: 7, padding: [32, 32] });
  }, [frameKey, places, map]);
  return null;
}
