import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { departements, departementsOfRegion, findTerritory, isWithin, regionOfDepartement, regions, territoriesOf } from '@app/territories';
import { startTestApp, TestApp } from '../support/app';

describe('the official geography', () => {
  it('has the 18 regions and the 101 départements, overseas included', () => {
    expect(regions()).toHaveLength(18);
    expect(departements()).toHaveLength(101);
    expect(
      regions()
        .filter((r) => r.overseas)
        .map((r) => [r.code, r.name]),
    ).toEqual([
      ['01', 'Guadeloupe'],
      ['02', 'Martinique'],
      ['03', 'Guyane'],
      ['04', 'La Réunion'],
      ['06', 'Mayotte'],
    ]);
    expect(
      departements()
        .filter((d) => d.overseas)
        .map((d) => [d.code, d.name, d.regionCode]),
    ).toEqual([
      ['971', 'Guadeloupe', '01'],
      ['972', 'Martinique', '02'],
      ['973', 'Guyane', '03'],
      ['974', 'La Réunion', '04'],
      ['976', 'Mayotte', '06'],
    ]);
  });

  it('leaves out the overseas collectivities, which have no ARS', () => {
    for (const code of ['975', '977', '978', '984', '986', '987', '988']) expect(findTerritory('departement', code)).toBeUndefined();
  });

  it('has Corsica as 2A and 2B, sorted where the official lists put them', () => {
    expect(departementsOfRegion('94').map((d) => [d.code, d.name])).toEqual([
      ['2A', 'Corse-du-Sud'],
      ['2B', 'Haute-Corse'],
    ]);
    const codes = departements().map((d) => d.code);
    expect(codes.slice(17, 22)).toEqual(['18', '19', '2A', '2B', '21']);
    expect(codes.at(-1)).toBe('976');
    expect(findTerritory('departement', '20')).toBeUndefined();
  });

  it('tells a region from a département with the same code', () => {
    expect(findTerritory('region', '11')).toMatchObject({ level: 'region', name: 'Île-de-France' });
    expect(findTerritory('departement', '11')).toMatchObject({ level: 'departement', name: 'Aude', regionCode: '76' });
    expect(findTerritory('region', '99')).toBeUndefined();
    expect(territoriesOf('region')).toBe(regions());
  });

  it('puts each département in exactly one region, and each region’s départements within it', () => {
    const listed = regions().flatMap((r) => r.departements.map((d) => d.code));
    expect(listed.sort()).toEqual(
      departements()
        .map((d) => d.code)
        .sort(),
    );
    for (const region of regions()) {
      expect(region.departements.length).toBeGreaterThan(0);
      for (const d of region.departements) {
        expect(isWithin(d, region)).toBe(true);
        expect(regionOfDepartement(d.code)?.code).toBe(region.code);
      }
    }
    expect(departementsOfRegion('11').map((d) => d.code)).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
  });

  it('says what lies within what: a territory in itself, a département in its region, nothing else', () => {
    const aude = { level: 'departement', code: '11' } as const;
    expect(isWithin(aude, { level: 'region', code: '76' })).toBe(true);
    expect(isWithin(aude, { level: 'region', code: '11' })).toBe(false);
    expect(isWithin(aude, aude)).toBe(true);
    expect(isWithin({ level: 'region', code: '76' }, aude)).toBe(false);
    expect(isWithin({ level: 'departement', code: '974' }, { level: 'region', code: '04' })).toBe(true);
    expect(regionOfDepartement('2B')?.name).toBe('Corse');
    expect(regionOfDepartement('00')).toBeUndefined();
  });
});

describe('GET /api/v1/territories', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = await t.userToken('viewer');
  });
  afterAll(async () => t?.close());

  it('serves the regions with their départements, codes, names and overseas flag', async () => {
    const res = await request(t.http).get('/api/v1/territories').set('Authorization', `Bearer ${token}`).expect(200);
    const body = res.body as {
      regions: { code: string; name: string; overseas: boolean; departements: { code: string; name: string; overseas: boolean }[] }[];
    };
    expect(Object.keys(body)).toEqual(['regions']);
    expect(body.regions).toHaveLength(18);
    expect(body.regions.flatMap((r) => r.departements)).toHaveLength(101);
    expect(body.regions.find((r) => r.code === '94')).toEqual({
      code: '94',
      name: 'Corse',
      overseas: false,
      departements: [
        { code: '2A', name: 'Corse-du-Sud', overseas: false },
        { code: '2B', name: 'Haute-Corse', overseas: false },
      ],
    });
    expect(body.regions.find((r) => r.code === '04')).toEqual({
      code: '04',
      name: 'La Réunion',
      overseas: true,
      departements: [{ code: '974', name: 'La Réunion', overseas: true }],
    });
  });

  it('answers 304 to a client that already holds it', async () => {
    const first = await request(t.http).get('/api/v1/territories').set('Authorization', `Bearer ${token}`).expect(200);
    expect(first.headers.etag).toBeTruthy();
    await request(t.http).get('/api/v1/territories').set('Authorization', `Bearer ${token}`).set('If-None-Match', first.headers.etag).expect(304);
  });

  it('needs a token, as the roadmap does, unless PUBLIC_READ is on', async () => {
    const res = await request(t.http).get('/api/v1/territories').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'auth.sign_in_required' });
    await request(t.http).get('/api/v1/territories').set('Authorization', 'Bearer not-a-token').expect(401);
    const open = await startTestApp({ env: { PUBLIC_READ: 'true' } });
    try {
      const body = (await request(open.http).get('/api/v1/territories').expect(200)).body as { regions: unknown[] };
      expect(body.regions).toHaveLength(18);
    } finally {
      await open.close();
    }
  });
});
