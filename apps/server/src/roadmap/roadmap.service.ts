import { Injectable } from '@nestjs/common';
import { NotFound } from '@app/common';
import { BodyRow, ObjectiveRow, RoadmapRepository } from '@app/persistence';
import { BodyDto, BodyObjectivesDto, ObjectiveDto, ObjectiveSummaryDto, RoadmapDto } from './dto/roadmap.dto';

/** Shapes the roadmap structure for the read API. */
@Injectable()
export class RoadmapService {
  constructor(private readonly roadmap: RoadmapRepository) {}

  private treeOf?: { structure: object; tree: RoadmapDto };

  /** The tree, built once per loaded roadmap (it only changes when the data file is reloaded). */
  tree(): RoadmapDto {
    const s = this.roadmap.structure();
    if (this.treeOf?.structure === s) return this.treeOf.tree;
    const tree = this.buildTree();
    this.treeOf = { structure: s, tree };
    return tree;
  }

  private buildTree(): RoadmapDto {
    const s = this.roadmap.structure();
    return {
      title: 'Digital Health Roadmap 2023–2027',
      focusAreas: s.focusAreas.map((f) => ({
        number: f.number,
        title: f.title,
        subtitle: f.subtitle,
        priorities: f.priorities.map((p) => ({
          number: p.number,
          title: p.title,
          objectives: p.objectives.map(summaryOf),
        })),
      })),
    };
  }

  objective(code: string): ObjectiveDto {
    const o = this.findObjective(code);
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

  findObjective(code: string): ObjectiveRow {
    const o = this.roadmap.structure().objectivesByCode.get(code);
    if (!o) throw new NotFound('not_found.objective', { code: code.slice(0, 40) });
    return o;
  }

  bodies(): BodyDto[] {
    const s = this.roadmap.structure();
    return s.bodies.map((b) => this.bodyDto(b, s.objectives));
  }

  bodyObjectives(acronym: string): BodyObjectivesDto {
    const s = this.roadmap.structure();
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
  return { code: o.code, title: o.title, leadBody: o.leadBody, contributingBodies: [...o.contributingBodies] };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
