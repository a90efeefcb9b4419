import { CircleMarker, MapContainer } from 'react-leaflet';
import { useInstance } from '../../api/instance';
import { FranceBase } from './france-base';

/**
 * One place (a site) on the same base as the search's map, zoomed out enough to show its département
 * among its neighbours (closer in, the bundled outlines leave a blank square): a picture, not a control
 * (no dragging, zooming or focus); `label` says in words where it is (the address).
 */
export function PointMap({
  latitude,
  longitude,
  label,
  zoom = 8,
}: {
  latitude: number;
  longitude: number;
  label: string;
  zoom?: number;
}) {
  const instance = useInstance();
  return (
    <div className="point-map" role="img" aria-label={label}>
      <MapContainer
        className="point-map__map"
        center={[latitude, longitude]}
        zoom={zoom}
        dragging={false}
        zoomControl={false}
        scrollWheelZoom={false}
        doubleClickZoom={false}
        touchZoom={false}
        boxZoom={false}
        keyboard={false}
        attributionControl={false}
      >
        <FranceBase tileUrl={instance.data?.mapStyleUrl} />
        {/* Above the outlines, which are drawn once their file has come, after the point. */}
        <CircleMarker
          pane="markerPane"
          center={[latitude, longitude]}
          radius={8}
          interactive={false}
          pathOptions={{ className: 'map-site-marker', weight: 2, fillOpacity: 1 }}
        />
      </MapContainer>
    </div>
  );
}
