import { Injectable } from '@nestjs/common';
import { NotFound } from '@app/common';
import { BodyRow, ObjectiveRow, RoadmapRepository } from '@app/persistence';
import type { RoadmapLang } from '@app/roadmap';
import { BodyDto, BodyObjectivesDto, ObjectiveDto, ObjectiveSummaryDto, RoadmapDto } from './dto/roadmap.dto';

/**
 * Shapes the roadmap structure for the read API, with its texts in the language asked for (French
 * from the project's working translation, English from the edition). One language per answer: a
 * client needing both asks twice (`?lang=en`); each entity's `lang` says where English stands in.
 */
@Injectable()
export class RoadmapService {
  constructor(private readonly roadmap: RoadmapRepository) {}

  private readonly trees = new WeakMap<object, RoadmapDto>();

  /** The tree, built once per loaded roadmap and language (it only changes when the data file is reloaded). */
  tree(lang: RoadmapLang = 'en'): RoadmapDto {
    const s = this.roadmap.structure(lang);
    let tree = this.trees.get(s);
    if (!tree) this.trees.set(s, (tree = this.buildTree(lang)));
    return tree;
  }

  private buildTree(lang: RoadmapLang): RoadmapDto {
    const s = this.roadmap.structure(lang);
    return {
      title: ROADMAP_TITLE[lang],
      lang,
      focusAreas: s.focusAreas.map((f) => ({
        number: f.number,
        title: f.title,
        subtitle: f.subtitle,
        lang: f.lang,
        priorities: f.priorities.map((p) => ({
          number: p.number,
          title: p.title,
          lang: p.lang,
          objectives: p.objectives.map(summaryOf),
        })),
      })),
    };
  }

  objective(code: string, lang: RoadmapLang = 'en'): ObjectiveDto {
    const o = this.findObjective(code, lang);
    return {
      ...summaryOf(o),
      kind: o.kind,
      description: o.description,
      summary: o.summary,
      priority: o.priorityNumber,
      focusArea: o.focusAreaNumber,
      indicators: o.indicators.map((i) => ({ ...i, targets: i.targets.map((t) => ({ ...t })) })),
      milestones: o.milestones.map((m) => ({ ...m })),
    };
  }

  findObjective(code: string, lang: RoadmapLang = 'en'): ObjectiveRow {
    const o = this.roadmap.structure(lang).objectivesByCode.get(code);
    if (!o) throw new NotFound('not_found.objective', { code: code.slice(0, 40) });
    return o;
  }

  bodies(): BodyDto[] {
    const s = this.roadmap.structure();
    return s.bodies.map((b) => this.bodyDto(b, s.objectives));
  }

  bodyObjectives(acronym: string, lang: RoadmapLang = 'en'): BodyObjectivesDto {
    const s = this.roadmap.structure(lang);
    // "GIE SESAM-Vitale" can also be written gie-sesam-vitale, "ARS/GRADeS" ars-grades.
    const body = s.bodies.find((b) => slug(b.acronym) === slug(acronym));
    if (!body) {
      throw new NotFound('not_found.body', { acronym: acronym.slice(0, 40) });
    }
    const objectives = s.objectives
      .filter((o) => o.leadBody === body.acronym || o.contributingBodies.includes(body.acronym))
      .map((o) => ({ ...summaryOf(o), role: o.leadBody === body.acronym ? ('lead' as const) : ('contributor' as const) }));
    return { body: this.bodyDto(body, s.objectives), objectives };
  }

  private bodyDto(b: BodyRow, objectives: ObjectiveRow[]): BodyDto {
    return {
      acronym: b.acronym,
      name: b.name,
      englishName: b.englishName,
      inGlossary: b.inGlossary,
      leads: objectives.filter((o) => o.leadBody === b.acronym).length,
      contributesTo: objectives.filter((o) => o.contributingBodies.includes(b.acronym)).length,
    };
  }
}

function summaryOf(o: ObjectiveRow): ObjectiveSummaryDto {
  return { code: o.code, title: o.title, lang: o.lang, leadBody: o.leadBody, contributingBodies: [...o.contributingBodies] };
}

const ROADMAP_TITLE: Record<RoadmapLang, string> = {
  fr: 'Feuille de route du numérique en santé 2023-2027',
  en: 'Digital Health Roadmap 2023–2027',
};

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
