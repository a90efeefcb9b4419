import { describe, expect, it } from 'vitest';
import { attributionOf, tileTemplateOf } from './france-base';

const IGN =
  'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2' +
  '&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}';

describe('the map’s base', () => {
  it('draws a raster tile template, and the bundled outlines otherwise', () => {
    expect(tileTemplateOf(IGN)).toBe(IGN);
    expect(tileTemplateOf('https://tiles.example.org/{z}/{x}/{y}.png')).toBe(
      'https://tiles.example.org/{z}/{x}/{y}.png',
    );
    expect(tileTemplateOf('https://tiles.example.org/style.json')).toBeNull();
    expect(tileTemplateOf(null)).toBeNull();
  });

  it('credits the tiles to their host', () => {
    expect(attributionOf(IGN)).toBe('data.geopf.fr');
    expect(attributionOf('https://{s}.tiles.example.org/{z}/{x}/{y}.png')).toBe('tiles.example.org');
  });
});
