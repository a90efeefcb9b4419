import { lazy, Suspense, type ComponentProps } from 'react';

const PointMapChunk = lazy(() => import('./point-map').then((m) => ({ default: m.PointMap })));

/** `PointMap`, with Leaflet fetched when a page first shows one (a blank frame meanwhile). */
export function LazyPointMap(props: ComponentProps<typeof PointMapChunk>) {
  return (
    <Suspense fallback={<div className="point-map" aria-hidden="true" />}>
      <PointMapChunk {...props} />
    </Suspense>
  );
}
