import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import request from 'supertest';
import { Database } from '@app/persistence';
import { startTestApp, TestApp } from '../support/app';
import { ENGINE } from '../support/db';
import { tempDir } from '../support/temp';

const apps: TestApp[] = [];
const tmp = tempDir('fdr-ready-');
afterAll(async () => {
  for (const a of apps) await a.close();
  tmp.cleanup();
});
const start = async (env: Record<string, string> = {}) => {
  const t = await startTestApp({ env: { BACKUP_DIR: tmp.path(`backups-${apps.length}`), ...env } });
  apps.push(t);
  return t;
};

describe('/health/ready (readiness)', () => {
  it('answers 200 when the database answers, every disk has room and Chromium is there; public, no token', async () => {
    const t = await start();
    const res = await request(t.http).get('/health/ready').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.status).toBe('ready');
    expect(res.body.checks.database).toEqual({ status: 'ok', engine: ENGINE });
    expect(res.body.checks.backupDisk).toEqual({ status: 'ok', freeMb: expect.any(Number), minFreeMb: 512 });
    expect(res.body.checks.backupDisk.freeMb).toBeGreaterThan(512);
    expect(res.body.checks.chromium).toEqual({ status: 'ok' });
    if (ENGINE === 'sqlite') {
      expect(res.body.checks.databaseDisk).toEqual({ status: 'ok', freeMb: expect.any(Number), minFreeMb: 512 });
    } else {
      // The database's disk is the PostgreSQL server's: said, not checked.
      expect(res.body.checks.databaseDisk).toMatchObject({ status: 'skipped', code: 'health.disk_not_here' });
    }
    // No BACKUP_COPY_DIR, no check of it; nothing names a path in a public answer.
    expect(Object.keys(res.body.checks).sort()).toEqual(['backupDisk', 'chromium', 'database', 'databaseDisk']);
    expect(res.text).not.toContain(tmp.path(''));
  });

  it('answers 503 naming Chromium when CHROMIUM_PATH points to a missing file, or to a file that is not executable', async () => {
    const missing = await start({ CHROMIUM_PATH: tmp.path('no-chromium-here') });
    const res = await request(missing.http).get('/health/ready').expect(503);
    expect(res.body.status).toBe('not_ready');
    expect(res.body.checks.chromium).toEqual({
      status: 'failed',
      code: 'health.chromium_missing',
      message: expect.stringMatching(/^Chromium est introuvable à l’emplacement CHROMIUM_PATH/),
    });
    expect(res.body.checks.database.status).toBe('ok');
    expect(res.body.checks.backupDisk.status).toBe('ok');
    const english = await request(missing.http).get('/health/ready?lang=en').expect(503);
    expect(english.body.checks.chromium.message).toBe('Chromium is not found at CHROMIUM_PATH: install the chromium package or correct that setting.');

    const notExecutable = tmp.path('chromium-not-executable');
    writeFileSync(notExecutable, '#!/bin/sh\n');
    chmodSync(notExecutable, 0o644);
    const t = await start({ CHROMIUM_PATH: notExecutable });
    const res2 = await request(t.http).get('/health/ready').expect(503);
    expect(res2.body.checks.chromium).toMatchObject({ status: 'failed', code: 'health.chromium_not_executable' });
  });

  it('answers 503 naming each disk with less free space than HEALTH_MIN_FREE_MB, with the figures', async () => {
    const huge = 1_000_000_000; // a petabyte
    const t = await start({ HEALTH_MIN_FREE_MB: String(huge) });
    const res = await request(t.http).get('/health/ready').expect(503);
    expect(res.body.checks.backupDisk).toEqual({
      status: 'failed',
      freeMb: expect.any(Number),
      minFreeMb: huge,
      code: 'health.disk_low',
      message: expect.stringMatching(/^Il reste .* Mo libres sur ce disque, moins que le minimum de 1.000.000.000 Mo \(HEALTH_MIN_FREE_MB\)\.$/),
    });
    if (ENGINE === 'sqlite') expect(res.body.checks.databaseDisk).toMatchObject({ status: 'failed', code: 'health.disk_low', minFreeMb: huge });
    expect(res.body.checks.database.status).toBe('ok');
    expect(res.body.checks.chromium.status).toBe('ok');
    // Liveness is not readiness: the process is up.
    await request(t.http).get('/health').expect(200);
  });

  it('checks BACKUP_COPY_DIR when set: a missing folder (share not mounted) fails, a present one is measured', async () => {
    const absent = await start({ BACKUP_COPY_DIR: tmp.path('share-not-mounted') });
    const res = await request(absent.http).get('/health/ready').expect(503);
    expect(res.body.checks.backupCopyDisk).toMatchObject({ status: 'failed', code: 'health.folder_missing' });
    const share = tmp.path('share');
    mkdirSync(share);
    const present = await start({ BACKUP_COPY_DIR: share });
    const ok = await request(present.http).get('/health/ready').expect(200);
    expect(ok.body.checks.backupCopyDisk).toEqual({ status: 'ok', freeMb: expect.any(Number), minFreeMb: 512 });
  });

  it('answers 503 naming the database when it cannot answer, without its error in the public answer', async () => {
    const t = await startTestApp({ env: { BACKUP_DIR: tmp.path('backups-closed') } });
    try {
      await t.app.get(Database).close();
      const res = await request(t.http).get('/health/ready').expect(503);
      expect(res.body.checks.database).toEqual({
        status: 'failed',
        engine: ENGINE,
        code: 'health.database_failed',
        message: 'La base de données ne répond pas (le détail est dans le journal du serveur).',
      });
    } finally {
      await t.app.close().catch(() => undefined); // its database is closed already
      await t.database.drop();
    }
  });
});
