/**
 * What the `territory-map` partial shows: the SVG, its legend, its source and credit, and the same
 * data as a table (every territory of the level, sorted by code, "pas de donnée" where there is none).
 */
import { fillLabel } from '@app/presentation';
import { TERRITORIES_LABELS } from '@app/presentation/labels/territories';
import { territoriesOf } from '../geography';
import { renderChoropleth, type ChoroplethOptions } from './choropleth';
import { SHAPES_CREDIT } from './shapes';

export interface TerritoryMapOptions extends ChoroplethOptions {
  /** The figure's caption, shown above the map and naming the table. */
  caption: string;
  /** Where the values come from ("Données validées au 31 mars 2026"); the shapes' credit is added. */
  source?: string;
  /** The heading of the table's class column: the status, or the class of values. */
  classHeading?: string;
}

export interface TerritoryMapRow {
  code: string;
  name: string;
  valueText: string;
  classLabel: string;
  colour: string | null;
}

export interface TerritoryMapView {
  id: string;
  caption: string;
  svg: string;
  legend: { colour: string | null; label: string }[];
  /** "Source : <source>. Fonds de carte : …", the credit always there. */
  sourceText: string;
  rows: TerritoryMapRow[];
  /** A class column only where it says more than the value (a status map shows the status once). */
  showClass: boolean;
  /** On a web page, the 101 rows of a département map fold under a summary, beside the map (a report prints them all). */
  foldTable: boolean;
  labels: {
    legend: string;
    territory: string;
    code: string;
    value: string;
    classHeading: string;
    tableOf: string;
    showTable: string;
    noData: string;
  };
}

export function territoryMapView(options: TerritoryMapOptions): TerritoryMapView {
  const words = TERRITORIES_LABELS[options.lang];
  const hasNoData = options.data.length < territoriesOf(options.level).length;
  const rows = tableRows(options);
  return {
    id: options.id,
    caption: options.caption,
    svg: renderChoropleth(options),
    legend: [...options.classes.map((c) => ({ colour: c.colour, label: c.label })), ...(hasNoData ? [{ colour: null, label: words.mapNoData }] : [])],
    sourceText: sourceText(options),
    rows,
    showClass: rows.some((row) => row.valueText !== row.classLabel),
    foldTable: options.level === 'departement',
    labels: {
      legend: words.mapLegend,
      territory: words.mapTerritory,
      code: words.mapCode,
      value: words.mapValue,
      classHeading: options.classHeading ?? words.mapClass,
      tableOf: words.mapTableOf,
      showTable: fillLabel(words.mapShowTable, { n: rows.length }),
      noData: words.mapNoData,
    },
  };
}

function tableRows(options: TerritoryMapOptions): TerritoryMapRow[] {
  const classes = new Map(options.classes.map((c) => [c.key, c]));
  const data = new Map(options.data.map((d) => [d.code, d]));
  const noData = TERRITORIES_LABELS[options.lang].mapNoData;
  return territoriesOf(options.level).map((territory) => {
    const datum = data.get(territory.code);
    const mapClass = datum ? classes.get(datum.classKey) : undefined;
    return {
      code: territory.code,
      name: territory.name,
      valueText: datum && mapClass ? datum.valueText : noData,
      classLabel: mapClass?.label ?? noData,
      colour: mapClass?.colour ?? null,
    };
  });
}

function sourceText(options: TerritoryMapOptions): string {
  const words = TERRITORIES_LABELS[options.lang];
  // The licence of the shapes (CC BY 4.0) asks for their credit wherever they are shown.
  const credit = fillLabel(words.mapShapesCredit, { credit: SHAPES_CREDIT });
  return options.source ? `${fillLabel(words.mapSource, { source: options.source.replace(/\.$/, '') })} ${credit}` : credit;
}
