import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useNavigation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { divIcon, latLngBounds, type LatLngBoundsExpression, type Marker as LeafletMarker } from 'leaflet';
import { MapContainer, Marker, Popup, ZoomControl, useMap, useMapEvents } from 'react-leaflet';
import type { Space } from '@lieux/contracts';
import { FRANCE_BOUNDS, FranceBase } from '../../../components/map/france-base';
import { bboxOf, clusterIndex, debounce, sitesOf, type MapPoint, type MapSite } from './map-sync';
import { parseBbox } from './search-filters';

/** How long the map must rest before its area is searched: a drag or a few wheel clicks search once. */
const AREA_DEBOUNCE_MS = 400;
/** A search's results are framed no closer than a commune. */
const FIT_MAX_ZOOM = 13;
/** From this zoom on, a site's marker also names its commune (no communes' outlines are drawn). */
const COMMUNE_LABEL_ZOOM = 10;

export interface SearchMapProps {
  spaces: Space[];
  /** The site whose card is hovered or focused in the list. */
  highlightedSiteId: string | null;
  /** `west,south,east,north` of the address, when the search is the map's area. */
  area: string;
  onAreaChange: (bbox: string) => void;
  spaceLink: (space: Space) => string;
  tileUrl?: string | null;
}

const boundsOfArea = (area: string): LatLngBoundsExpression | null => {
  const box = parseBbox(area);
  return (
    box && [
      [box[1], box[0]],
      [box[3], box[2]],
    ]
  );
};

/** The results' sites on France's outlines, clustered at a national zoom; moving the map searches there. */
export default function SearchMap({
  spaces,
  highlightedSiteId,
  area,
  onAreaChange,
  spaceLink,
  tileUrl,
}: SearchMapProps) {
  const { t } = useTranslation();
  const sites = useMemo(() => sitesOf(spaces), [spaces]);
  return (
    <MapContainer
      className="search-map__map"
      bounds={boundsOfArea(area) ?? FRANCE_BOUNDS}
      zoomControl={false}
      minZoom={5}
      maxZoom={18}
    >
      <ZoomControl position="topright" zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />
      <FranceBase tileUrl={tileUrl} />
      <Markers sites={sites} highlightedSiteId={highlightedSiteId} spaceLink={spaceLink} />
      <ViewSync sites={sites} area={area} onAreaChange={onAreaChange} />
    </MapContainer>
  );
}

/**
 * Keeps the view and the search in step. A search by place frames its results; a move by the person
 * (drag, zoom, keys, a cluster opened) searches the area shown, once the map rests. Moves the code makes
 * (framing, a resize) are not the person's and search nothing.
 */
function ViewSync({
  sites,
  area,
  onAreaChange,
}: {
  sites: MapSite[];
  area: string;
  onAreaChange: (bbox: string) => void;
}) {
  const map = useMap();
  const ours = useRef(false);
  const shown = useRef<string | null>(null);
  const onChange = useRef(onAreaChange);
  onChange.current = onAreaChange;
  // A link followed from a popup leaves this page only once the next one has loaded: a search of the
  // area meanwhile (the popup's pan) would navigate back here over it.
  const leaving = useRef(false);
  leaving.current = useNavigation().state !== 'idle';
  const search = useMemo(
    () =>
      debounce((bbox: string) => {
        if (!leaving.current) onChange.current(bbox);
      }, AREA_DEBOUNCE_MS),
    [],
  );
  useEffect(() => search.cancel, [search]);

  const current = useCallback(() => {
    const b = map.getBounds();
    return bboxOf(b.getWest(), b.getSouth(), b.getEast(), b.getNorth());
  }, [map]);
  const moveOurselves = useCallback(
    (move: () => void) => {
      ours.current = true;
      try {
        move();
      } finally {
        ours.current = false;
      }
      shown.current = current();
    },
    [current],
  );

  useMapEvents({
    moveend() {
      if (ours.current) return;
      const bbox = current();
      if (bbox === shown.current) return;
      shown.current = bbox;
      search(bbox);
    },
  });

  // The address's area changed (a shared link, the browser's back button): show it.
  useEffect(() => {
    const bounds = boundsOfArea(area);
    if (bounds && area !== shown.current) moveOurselves(() => map.fitBounds(bounds, { animate: false }));
  }, [area, map, moveOurselves]);

  // A search by place (no area): frame what it found, or France when it found nothing.
  useEffect(() => {
    if (area) return;
    search.cancel();
    const bounds =
      sites.length > 0
        ? latLngBounds(sites.map((s) => [s.latitude, s.longitude]))
        : latLngBounds(FRANCE_BOUNDS);
    moveOurselves(() => map.fitBounds(bounds, { animate: false, maxZoom: FIT_MAX_ZOOM, padding: [32, 32] }));
  }, [sites, area, map, moveOurselves, search]);

  // Shown after being hidden (the phone's toggle) or resized: Leaflet must measure again.
  useEffect(() => {
    const container = map.getContainer();
    const observer = new ResizeObserver(() => moveOurselves(() => map.invalidateSize({ animate: false })));
    observer.observe(container);
    return () => observer.disconnect();
  }, [map, moveOurselves]);

  return null;
}

function Markers({
  sites,
  highlightedSiteId,
  spaceLink,
}: {
  sites: MapSite[];
  highlightedSiteId: string | null;
  spaceLink: (space: Space) => string;
}) {
  const map = useMap();
  const index = useMemo(() => clusterIndex(sites), [sites]);
  const [view, setView] = useState(() => ({ zoom: map.getZoom(), points: [] as MapPoint[] }));

  useEffect(() => {
    const update = () => {
      const b = map.getBounds().pad(0.2);
      const zoom = map.getZoom();
      setView({ zoom, points: index.at([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom) });
    };
    update();
    map.on('moveend zoomend', update);
    return () => {
      map.off('moveend zoomend', update);
    };
  }, [map, index]);

  return view.points.map((p) =>
    p.type === 'site' ? (
      <SiteMarker
        key={p.site.id}
        site={p.site}
        withCommune={view.zoom >= COMMUNE_LABEL_ZOOM}
        active={p.site.id === highlightedSiteId}
        spaceLink={spaceLink}
      />
    ) : (
      <ClusterMarker
        key={`cluster-${p.id}`}
        point={p}
        active={highlightedSiteId !== null && p.siteIds.includes(highlightedSiteId)}
        onOpen={() =>
          map.setView([p.latitude, p.longitude], Math.min(index.expansionZoom(p.id), map.getMaxZoom()))
        }
      />
    ),
  );
}

/** An icon whose text (read by screen readers, Leaflet making it a button) is set safely, not as HTML. */
function iconOf(className: string, visible: string, spoken: string, label?: string) {
  const root = document.createElement('span');
  const badge = document.createElement('span');
  badge.className = 'map-pin__badge';
  badge.setAttribute('aria-hidden', 'true');
  badge.textContent = visible;
  const name = document.createElement('span');
  name.className = 'visually-hidden';
  name.textContent = spoken;
  root.append(badge, name);
  if (label) {
    const caption = document.createElement('span');
    caption.className = 'map-pin__label';
    caption.setAttribute('aria-hidden', 'true');
    caption.textContent = label;
    root.append(caption);
  }
  return divIcon({ className, html: root, iconSize: undefined, iconAnchor: [16, 16], popupAnchor: [0, -14] });
}

/** Marks the marker's element while its card is hovered or focused (no new icon: the focus stays put). */
function useActive(marker: RefObject<LeafletMarker | null>, active: boolean, icon: unknown) {
  useEffect(() => {
    marker.current?.getElement()?.classList.toggle('is-active', active);
  }, [marker, active, icon]);
}

function SiteMarker({
  site,
  withCommune,
  active,
  spaceLink,
}: {
  site: MapSite;
  withCommune: boolean;
  active: boolean;
  spaceLink: (space: Space) => string;
}) {
  const { t } = useTranslation();
  const marker = useRef<LeafletMarker>(null);
  const fromKeyboard = useRef(false);
  const { name, commune } = site;
  const count = site.spaces.length;
  // Built from values, not from the site object each search makes anew: a new icon is a new element,
  // and the focus on the marker would be lost.
  const icon = useMemo(
    () =>
      iconOf(
        'map-pin',
        String(count),
        t('map.site', { name, commune, count }),
        withCommune ? commune : undefined,
      ),
    [t, name, commune, count, withCommune],
  );
  useActive(marker, active, icon);

  return (
    <Marker
      ref={marker}
      position={[site.latitude, site.longitude]}
      icon={icon}
      title={name}
      zIndexOffset={active ? 1000 : 0}
      eventHandlers={{
        popupopen: () => {
          fromKeyboard.current = document.activeElement === marker.current?.getElement();
        },
        popupclose: (e) => {
          if (e.popup.getElement()?.contains(document.activeElement)) marker.current?.getElement()?.focus();
        },
      }}
    >
      <Popup>
        <SitePopup site={site} spaceLink={spaceLink} fromKeyboard={fromKeyboard} />
      </Popup>
    </Marker>
  );
}

/** A site's spaces, each a link to its page; opened from the keyboard, the first link takes the focus. */
function SitePopup({
  site,
  spaceLink,
  fromKeyboard,
}: {
  site: MapSite;
  spaceLink: (space: Space) => string;
  fromKeyboard: RefObject<boolean>;
}) {
  const { t } = useTranslation();
  const first = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (fromKeyboard.current) first.current?.focus();
    fromKeyboard.current = false;
  }, [fromKeyboard]);
  return (
    <div className="map-popup">
      <p className="map-popup__site">
        {site.name} · {site.commune}
      </p>
      <ul className="map-popup__spaces">
        {site.spaces.map((space, i) => (
          <li key={space.id}>
            {/* A plain link, a page load: a router navigation started from a Leaflet popup was at times
                overtaken by the map's own updates and left the person on the search. */}
            <a href={spaceLink(space)} ref={i === 0 ? first : undefined}>
              {space.name}
            </a>
            <span className="muted">
              {' '}
              · {t(`spaces.kind.${space.kind}`)} · {t('spaces.capacity', { count: space.capacity })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ClusterMarker({
  point,
  active,
  onOpen,
}: {
  point: Extract<MapPoint, { type: 'cluster' }>;
  active: boolean;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const marker = useRef<LeafletMarker>(null);
  const icon = useMemo(
    () => iconOf('map-cluster', String(point.count), t('map.cluster', { count: point.count })),
    [t, point.count],
  );
  useActive(marker, active, icon);
  return (
    <Marker
      ref={marker}
      position={[point.latitude, point.longitude]}
      icon={icon}
      zIndexOffset={active ? 1000 : 0}
      eventHandlers={{
        click: onOpen,
        keypress: (e) => {
          const key = (e.originalEvent as KeyboardEvent).key;
          if (key === 'Enter' || key === ' ') onOpen();
        },
      }}
    />
  );
}
