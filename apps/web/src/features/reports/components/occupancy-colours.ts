/** Five classes of occupancy, light to dark, with the thresholds the legend shows. */
export const RATE_CLASSES = [
  { upTo: 0.1, colour: '#fde0c5' },
  { upTo: 0.25, colour: '#facba6' },
  { upTo: 0.4, colour: '#f59e72' },
  { upTo: 0.6, colour: '#e4663e' },
  { upTo: 1, colour: '#b3321d' },
] as const;

export const NO_RATE_COLOUR = '#c9ccd1';

export function rateColour(rate: number | null): string {
  if (rate === null) return NO_RATE_COLOUR;
  return (RATE_CLASSES.find((c) => rate <= c.upTo) ?? RATE_CLASSES[RATE_CLASSES.length - 1]).colour;
}

/**
 * The monthly chart's colours. A canvas draws with colours, not CSS variables: they are read from here
 * (the used bars share the map's darker class, so the two read as one scale).
 */
export const CHART_COLOURS = {
  offered: '#9aa5b1',
  used: '#e4663e',
  rate: '#003da5',
  grid: '#ccc',
  tick: '#666',
} as const;
