import { describe, expect, it } from 'vitest';
import {
  classifyByStatus,
  classifyByValue,
  departements,
  fitPath,
  pathBounds,
  quantileBounds,
  regions,
  renderChoropleth,
  territoryMapView,
  VALUE_RAMP,
} from '@app/territories';
import { STATUS_COLORS } from '@app/presentation';

const percent = (v: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(v)}\u202f%`;

/** Each `<path>` of the SVG: its code, fill and tooltip. */
function paths(svg: string): Map<string, { fill: string; title: string }> {
  const found = new Map<string, { fill: string; title: string }>();
  for (const m of svg.matchAll(/<path id="[^"]*" data-code="([^"]+)" d="[^"]+" fill="([^"]+)"><title>([^<]*)<\/title><\/path>/g)) {
    found.set(m[1], { fill: m[2], title: m[3] });
  }
  return found;
}

describe('the shapes', () => {
  it('draw every one of the 101 départements, overseas included, once', () => {
    const svg = renderChoropleth({ id: 'm', level: 'departement', title: 'Carte', data: [], classes: [], lang: 'fr' });
    const drawn = paths(svg);
    expect([...drawn.keys()].sort()).toEqual(
      departements()
        .map((d) => d.code)
        .sort(),
    );
    expect(svg.match(/<path /g)).toHaveLength(101);
    for (const code of ['971', '972', '973', '974', '976', '2A', '2B']) expect(drawn.has(code)).toBe(true);
  });

  it('fit each overseas département into its box, keeping its proportions', () => {
    const path = 'm 10,10 20,0 0,10 -20,0 z';
    expect(pathBounds(path)).toEqual({ x: 10, y: 10, width: 20, height: 10 });
    const fitted = fitPath(path, { x: 0, y: 0, width: 100, height: 100 });
    expect(pathBounds(fitted)).toEqual({ x: 0, y: 25, width: 100, height: 50 });
    // A move after a close is relative to the start of the closed subpath.
    expect(pathBounds('m 0,0 10,0 0,10 z m 20,20 5,5 z')).toEqual({ x: 0, y: 0, width: 25, height: 25 });
  });
});

describe('a département map by value', () => {
  const values = departements().map((d, k) => ({ code: d.code, value: k }));
  const { classes, data } = classifyByValue(values.slice(0, 100), 'fr', percent);

  it('has five classes of about 20 départements each, with their bounds in the legend', () => {
    expect(quantileBounds(values.slice(0, 100).map((v) => v.value))).toEqual([0, 20, 40, 60, 80, 99]);
    expect(classes.map((c) => c.colour)).toEqual([...VALUE_RAMP]);
    expect(classes.map((c) => c.label)).toEqual([
      'de 0\u202f% à moins de 20\u202f%',
      'de 20\u202f% à moins de 40\u202f%',
      'de 40\u202f% à moins de 60\u202f%',
      'de 60\u202f% à moins de 80\u202f%',
      'de 80\u202f% à 99\u202f%',
    ]);
    expect(classifyByValue([{ code: '01', value: 3.5 }], 'en', String).classes.map((c) => c.label)).toEqual(['3.5']);
  });

  it('fills each département with its class, and hatches the one without data', () => {
    const drawn = paths(renderChoropleth({ id: 'm', level: 'departement', title: 'Taux', data, classes, lang: 'fr' }));
    const ain = departements()[0];
    expect(drawn.get(ain.code)).toEqual({ fill: VALUE_RAMP[0], title: 'Ain\u00a0: 0\u202f%' });
    expect(drawn.get('2A')!.fill).toBe(VALUE_RAMP[0]); // value 19: under the first bound (20)
    expect(drawn.get('2B')!.fill).toBe(VALUE_RAMP[1]); // value 20: the first of the second class
    expect(drawn.get('974')!.fill).toBe(VALUE_RAMP[4]);
    expect(drawn.get('976')).toEqual({ fill: 'url(#m-nd)', title: 'Mayotte\u00a0: pas de donnée' });
  });

  it('says "pas de donnée" in the legend and the table where a territory has none', () => {
    const view = territoryMapView({ id: 'm', level: 'departement', title: 'Taux', caption: 'Taux', data, classes, lang: 'fr' });
    expect(view.legend.at(-1)).toEqual({ colour: null, label: 'pas de donnée' });
    expect(view.rows).toHaveLength(101);
    expect(view.rows.at(-1)).toEqual({ code: '976', name: 'Mayotte', valueText: 'pas de donnée', classLabel: 'pas de donnée', colour: null });
    expect(view.rows[0]).toMatchObject({ code: '01', name: 'Ain', valueText: '0\u202f%', colour: VALUE_RAMP[0] });
    const full = classifyByValue(values, 'en', String);
    const english = territoryMapView({ id: 'e', level: 'departement', title: 'Rate', caption: 'Rate', source: 'ANS, 2026.', ...full, lang: 'en' });
    expect(english.legend.map((l) => l.label)).not.toContain('no data');
    expect(english.sourceText).toBe('Source: ANS, 2026. Base map: svg-maps (Victor Cazanave, d’après MapSVG), CC BY 4.0.');
  });
});

describe('a region map by status', () => {
  const entries = regions()
    .filter((r) => r.code !== '06')
    .map((r, k) => ({ code: r.code, status: (['on_track', 'at_risk', 'off_track'] as const)[k % 3] }));
  const { classes, data } = classifyByStatus(entries, 'fr');
  const svg = renderChoropleth({ id: 'r', level: 'region', title: 'Statut par région', data, classes, lang: 'fr' });

  it('uses the status colours and words of every other page', () => {
    expect(classes).toEqual([
      { key: 'on_track', colour: STATUS_COLORS.on_track.background, label: 'En bonne voie' },
      { key: 'at_risk', colour: STATUS_COLORS.at_risk.background, label: 'À risque' },
      { key: 'off_track', colour: STATUS_COLORS.off_track.background, label: 'En retard' },
    ]);
  });

  it("fills each département with its region's class and names the region", () => {
    const drawn = paths(svg);
    const idf = entries.find((e) => e.code === '11')!;
    for (const code of ['75', '77', '78', '91', '92', '93', '94', '95']) {
      expect(drawn.get(code)).toEqual({
        fill: STATUS_COLORS[idf.status].background,
        title: `Île-de-France\u00a0: ${classes.find((c) => c.key === idf.status)!.label}`,
      });
    }
    expect(drawn.get('976')).toEqual({ fill: 'url(#r-nd)', title: 'Mayotte\u00a0: pas de donnée' });
    expect(drawn.get('13')!.title).toBe(
      'Provence-Alpes-Côte d&#39;Azur\u00a0: ' + classes.find((c) => c.key === data.find((d) => d.code === '93')!.classKey)!.label,
    );
  });

  it('draws the borders between the 13 metropolitan regions thicker, clipped outside each region', () => {
    const clips = [...svg.matchAll(/<clipPath id="r-out-(\d+)">(.*?)<\/clipPath>/g)];
    expect(clips.map((c) => c[1])).toEqual(
      regions()
        .filter((r) => !r.overseas)
        .map((r) => r.code),
    );
    const corse = clips.find((c) => c[1] === '94')![2];
    expect(corse).not.toContain('#r-d-2A');
    expect(corse.match(/<use /g)).toHaveLength(94);
    expect(svg).toMatch(/<g clip-path="url\(#r-out-94\)"><use href="#r-d-2A"\/><use href="#r-d-2B"\/><\/g>/);
  });

  it('is an image with its name, and escapes every text', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+" role="img" aria-label="Statut par région"/);
    const hostile = renderChoropleth({
      id: 'x',
      level: 'region',
      title: '<script>"&',
      data: [{ code: '11', classKey: 'k', valueText: '</title><script>' }],
      classes: [{ key: 'k', colour: '#000', label: 'k' }],
      lang: 'en',
    });
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('aria-label="&lt;script&gt;&quot;&amp;"');
    expect(hostile).toContain('<title>Île-de-France: &lt;/title&gt;&lt;script&gt;</title>');
    expect(hostile).toContain('>Guadeloupe</text>');
  });
});
