/**
 * The choropleth map as an SVG string, pure: metropolitan France with the five overseas départements
 * in labelled boxes on its left (as INSEE's maps place them). A département map fills each
 * département with its class; a region map fills each département with its region's class and draws
 * the borders between regions thicker, since the shapes package has départements only.
 *
 * Every text is escaped here: the SVG can be put in a page as it is.
 */
import type { Lang } from '@app/presentation';
import { TERRITORIES_LABELS } from '@app/presentation/labels/territories';
import { departements, findTerritory, regions, type Territory, type TerritoryLevel } from '../geography';
import type { MapClass, MapDatum } from './classes';
import { METROPOLITAN_BOX, METROPOLITAN_SHAPES, OVERSEAS_SHAPES, pathBounds, type Box, type DepartementShape } from './shapes';

export interface ChoroplethOptions {
  /** Unique on the page: prefixes the SVG's own ids (hatching, clip paths), so that two maps can sit side by side. */
  id: string;
  level: TerritoryLevel;
  /** The map's accessible name (`aria-label`), e.g. "Taux d'équipement par région". */
  title: string;
  /** One datum per territory of `level` that has data; the others are hatched and said "pas de donnée". */
  data: readonly MapDatum[];
  classes: readonly MapClass[];
  lang: Lang;
}

/** Where the metropolitan map starts: the overseas boxes take the column on its left. */
const INSET_COLUMN = 130;
const INSET = { x: 4, width: 116, height: 108, gap: 9, label: 20, padding: 7 };
const VIEW = { width: INSET_COLUMN + METROPOLITAN_BOX.width, height: METROPOLITAN_BOX.height };
const NO_DATA_FILL = '#f6f6f6';
const BORDER = { thin: '#ffffff', region: '#3a3a3a', inset: '#929292' };

interface Fill {
  fill: string;
  title: string;
}

export function renderChoropleth(options: ChoroplethOptions): string {
  const fills = fillsByDepartement(options);
  const layers = [
    `<defs>${noDataPattern(options.id)}</defs>`,
    metropolitanLayer(options, fills),
    options.level === 'region' ? regionBorders(options.id) : '',
    overseasInsets(options, fills),
  ];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${VIEW.width} ${VIEW.height}" role="img" ` +
    `aria-label="${escapeXml(options.title)}" class="territory-map__svg" font-family="Marianne, Arial, sans-serif">` +
    `${layers.join('')}</svg>`
  );
}

/** The fill and tooltip of each département: its own datum, or its region's on a region map. */
function fillsByDepartement(options: ChoroplethOptions): Map<string, Fill> {
  const colours = new Map(options.classes.map((c) => [c.key, c.colour]));
  const data = new Map(options.data.map((d) => [d.code, d]));
  const noData = TERRITORIES_LABELS[options.lang].mapNoData;
  const fills = new Map<string, Fill>();
  for (const departement of departements()) {
    const territory = options.level === 'region' ? findTerritory('region', departement.regionCode ?? '') : departement;
    const datum = territory ? data.get(territory.code) : undefined;
    const colour = datum ? colours.get(datum.classKey) : undefined;
    fills.set(departement.code, {
      fill: colour ?? `url(#${options.id}-nd)`,
      title: tooltip(territory ?? departement, colour ? datum!.valueText : noData, options.lang),
    });
  }
  return fills;
}

function tooltip(territory: Territory, valueText: string, lang: Lang): string {
  return `${territory.name}${lang === 'fr' ? '\u00a0: ' : ': '}${valueText}`;
}

/** Light grey with grey hatching: "no data" must not read as the lightest class. */
function noDataPattern(id: string): string {
  return (
    `<pattern id="${id}-nd" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">` +
    `<rect width="5" height="5" fill="${NO_DATA_FILL}"/><line x1="0" y1="0" x2="0" y2="5" stroke="#7b7b7b" stroke-width="1.4"/></pattern>`
  );
}

function metropolitanLayer(options: ChoroplethOptions, fills: Map<string, Fill>): string {
  const thin = options.level === 'region' ? 0.35 : 0.6;
  const paths = METROPOLITAN_SHAPES.map((shape) => shapePath(options.id, shape, shape.path, fills.get(shape.code)!));
  return `<g transform="translate(${INSET_COLUMN} 0)" stroke="${BORDER.thin}" stroke-width="${thin}" stroke-linejoin="round">` + `${paths.join('')}</g>`;
}

function shapePath(mapId: string, shape: DepartementShape, path: string, fill: Fill): string {
  return `<path id="${mapId}-d-${shape.code}" data-code="${shape.code}" d="${path}" fill="${fill.fill}">` + `<title>${escapeXml(fill.title)}</title></path>`;
}

/**
 * The borders between metropolitan regions: each region's départements drawn again with a thick
 * stroke, clipped to everything OUTSIDE the region (the union of the other regions' shapes). What
 * remains is the half of the stroke lying in the neighbouring region; the neighbour draws the other
 * half, and borders inside a region vanish, since both their sides lie in the region itself.
 */
function regionBorders(mapId: string): string {
  const metropolitan = regions().filter((region) => !region.overseas);
  const uses = (codes: readonly string[]) => codes.map((code) => `<use href="#${mapId}-d-${code}"/>`).join('');
  const codesOf = (regionCode: string) =>
    departements()
      .filter((d) => d.regionCode === regionCode && !d.overseas)
      .map((d) => d.code);
  const clips = metropolitan.map((region) => {
    const outside = departements()
      .filter((d) => !d.overseas && d.regionCode !== region.code)
      .map((d) => d.code);
    return `<clipPath id="${mapId}-out-${region.code}">${uses(outside)}</clipPath>`;
  });
  const borders = metropolitan.map((region) => `<g clip-path="url(#${mapId}-out-${region.code})">${uses(codesOf(region.code))}</g>`);
  return (
    `<defs>${clips.join('')}</defs>` +
    `<g transform="translate(${INSET_COLUMN} 0)" fill="none" stroke="${BORDER.region}" stroke-width="2.2" stroke-linejoin="round" ` +
    `pointer-events="none" aria-hidden="true">${borders.join('')}</g>`
  );
}

/** The five overseas départements, each scaled into its own box with its name under it. */
function overseasInsets(options: ChoroplethOptions, fills: Map<string, Fill>): string {
  const boxes = OVERSEAS_SHAPES.map((shape, k) => {
    const box: Box = { x: INSET.x, y: INSET.gap / 2 + k * (INSET.height + INSET.gap), width: INSET.width, height: INSET.height };
    const name = findTerritory('departement', shape.code)!.name;
    const frame = {
      x: box.x + INSET.padding,
      y: box.y + INSET.padding,
      width: box.width - 2 * INSET.padding,
      height: box.height - INSET.padding - INSET.label,
    };
    return (
      `<g class="territory-map__inset">` +
      `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="#ffffff" stroke="${BORDER.inset}" stroke-width="0.8"/>` +
      shapePath(options.id, shape, fitPath(shape.path, frame), fills.get(shape.code)!) +
      `<text x="${box.x + box.width / 2}" y="${box.y + box.height - 6}" text-anchor="middle" font-size="14" font-weight="500" fill="#161616" aria-hidden="true">${escapeXml(name)}</text>` +
      `</g>`
    );
  });
  return `<g stroke="${BORDER.inset}" stroke-width="0.6" stroke-linejoin="round">${boxes.join('')}</g>`;
}

/**
 * The path data moved and scaled to fill `frame` (keeping its proportions, centred). The numbers are
 * rewritten rather than the group scaled, so that strokes and the hatching keep their widths.
 */
export function fitPath(path: string, frame: Box): string {
  const bounds = pathBounds(path);
  const scale = Math.min(frame.width / bounds.width, frame.height / bounds.height);
  const dx = frame.x + (frame.width - bounds.width * scale) / 2 - bounds.x * scale;
  const dy = frame.y + (frame.height - bounds.height * scale) / 2 - bounds.y * scale;
  const tokens = path.match(/[a-zA-Z]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const out: string[] = [];
  let absolute = false;
  let first = true;
  for (let k = 0; k < tokens.length;) {
    if (/[a-zA-Z]/.test(tokens[k])) {
      absolute = tokens[k] === tokens[k].toUpperCase() && tokens[k] !== 'Z';
      out.push(tokens[k]);
      k += 1;
      continue;
    }
    const [x, y] = [Number(tokens[k]), Number(tokens[k + 1])];
    k += 2;
    // A path's first move is absolute even when written `m`.
    const moved = absolute || first ? [x * scale + dx, y * scale + dy] : [x * scale, y * scale];
    out.push(moved.map((v) => Math.round(v * 100) / 100).join(','));
    first = false;
  }
  return out.join(' ');
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
