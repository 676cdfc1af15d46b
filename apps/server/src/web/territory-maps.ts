import { formatValue, type Lang, webLabels } from '@app/presentation';
import type { Status } from '@app/status';
import { classifyByStatus, classifyByValue, type Classified, territoryMapView, type TerritoryLevel, type TerritoryMapView } from '@app/territories';

/** Territories that report a value but set no target of their own, on a map coloured by status: neutral grey, not a status colour. */
export const NO_OWN_TARGET_COLOUR = '#bfbfbf';

export interface IndicatorMapInput {
  /** Unique on the page (`map-<indicator>-<level>`): the partial's ids and the SVG's own ids derive from it. */
  id: string;
  level: TerritoryLevel;
  caption: string;
  /** Where the values come from, as of when ("valeurs publiées à la clôture de la revue, au 31 mars 2026"). */
  source: string;
  unit: string;
  lang: Lang;
  values: readonly { code: string; value: number }[];
  /** Each territory's status toward its own targets: when any is given, the map is coloured by status. */
  statuses?: ReadonlyMap<string, Status>;
}

/**
 * An indicator's values at one level as a choropleth map with its table (the `territory-map` partial):
 * coloured by value, or by status where territories set their own targets. Shared by the staff
 * objective page and the public view, so both draw a territory the same way.
 */
export function indicatorTerritoryMap(input: IndicatorMapInput): TerritoryMapView {
  const format = (v: number) => formatValue(v, input.unit, input.lang);
  const byStatus = !!input.statuses && input.statuses.size > 0;
  const { classes, data }: Classified = byStatus ? classifyWithOwnTargets(input, format) : classifyByValue(input.values, input.lang, format);
  return territoryMapView({
    id: input.id,
    level: input.level,
    title: input.caption,
    caption: input.caption,
    source: input.source,
    lang: input.lang,
    classes,
    data,
    classHeading: byStatus ? webLabels(input.lang).mapStatus : undefined,
  });
}

/** Status classes for the territories with their own targets, and one neutral class for those reporting without one. */
function classifyWithOwnTargets(input: IndicatorMapInput, format: (v: number) => string): Classified {
  const words = webLabels(input.lang);
  const values = new Map(input.values.map((v) => [v.code, v.value]));
  const statuses = [...input.statuses!].map(([code, status]) => ({ code, status, valueText: values.has(code) ? format(values.get(code)!) : words.mapNoData }));
  const classified = classifyByStatus(statuses, input.lang);
  const untargeted = input.values.filter((v) => !input.statuses!.has(v.code));
  if (untargeted.length === 0) return classified;
  const key = 'no_own_target';
  return {
    classes: [...classified.classes, { key, colour: NO_OWN_TARGET_COLOUR, label: words.territorialNoOwnTarget }],
    data: [...classified.data, ...untargeted.map((v) => ({ code: v.code, classKey: key, valueText: format(v.value) }))],
  };
}
