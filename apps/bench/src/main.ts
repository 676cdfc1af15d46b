import 'reflect-metadata';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig, projectPath } from '@app/config';
import { Principal, TokensService, UsersService } from '@app/accounts';
import { Engine, RoadmapRepository, Transactor } from '@app/persistence';
import { LABELS } from '@app/presentation';
import { ReportsService } from '@app/reports';
import { StatusService } from '@app/snapshots';
import { createApp } from '../../server/src/bootstrap';
import { ImportsService } from '../../server/src/imports/imports.service';
import { BENCH_ADMIN, generate, QUICK, Scale, scaledRoadmap, SCALES } from './generate';
import { bareServer, freePort, peakRssMb, timeIt, waitFor } from './measure';
import { BenchStore, postgresStore, sqliteStore } from './store';

/**
 * npm run bench: every figure is a ratio against a baseline measured in the same run, on the same
 * machine and the same engine, minutes apart, because absolute times on a shared machine mean little.
 * Every benchmark runs on each engine of BENCH_ENGINES (SQLite, then PostgreSQL), one after the other.
 */
const OUT = projectPath('bench-results');
/** BENCH_QUICK's small databases are kept apart from the real ones (BENCH_REUSE). */
const WORK = join(OUT, QUICK ? 'work-quick' : 'work');
const RESULT = QUICK ? 'quick' : 'latest';
const STATUS_SAMPLE_INDICATORS = 32; // all of them at 1×
const STATUS_SAMPLE_EVALUATIONS = 3_000;
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 8);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const REUSE = process.env.BENCH_REUSE === '1';
const ONLY = (process.env.BENCH_ONLY ?? 'generate,import,status,http,pdf,memory').split(',');
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as Engine[];
/** The databases every benchmark and its baseline run on: the engine being measured. */
let store: BenchStore;
const log = (...a: unknown[]) => console.log(`[${store?.engine ?? 'bench'}]`, ...a);

/**
 * PostgreSQL: the server at BENCH_DATABASE_URL, or a cluster the bench starts (postgres-cluster.ts).
 * A started cluster is thrown away at the end, unless BENCH_REUSE=1: then its folder stays in
 * bench-results/work/pg, with the generated databases, and the next run starts it again.
 */
async function openStore(engine: Engine): Promise<BenchStore> {
  if (engine === 'sqlite') return sqliteStore(WORK);
  if (engine === 'postgres') return postgresStore({ url: process.env.BENCH_DATABASE_URL, reuse: REUSE, clusterDir: join(WORK, 'pg') });
  throw new Error(`BENCH_ENGINES: unknown engine "${engine as string}" (sqlite, postgres)`);
}

interface Row {
  engine: Engine;
  benchmark: string;
  scale: string;
  product: string;
  baseline: string;
  ratio: number;
  goal: string;
  met: boolean;
}
const rows: Row[] = [];
const addRow = (row: Omit<Row, 'engine'>) => rows.push({ engine: store.engine, ...row });
/** Each engine's raw figures, by benchmark. */
const allDetails: Partial<Record<Engine, Record<string, unknown>>> = {};
let details: Record<string, unknown> = {};
const fmt = (n: number, unit: string) => `${n >= 100 ? Math.round(n) : n.toFixed(2)} ${unit}`;

/** The database of a scale, and the scaled roadmap data file it was generated from (the server loads it too). */
const dbFor = (scale: Scale) => `scale-${scale.name}`;
const roadmapFor = (name: string) => join(WORK, `${name}.roadmap.yaml`);
/** Written once a database is completely generated: BENCH_REUSE reuses only those. */
const generatedMark = (name: string) => join(WORK, `${store.engine}-${name}.generated.json`);

async function appOn(name: string, roadmap = roadmapFor(name)) {
  const config = loadConfig({
    ...store.env(name),
    ROADMAP_DATA_PATH: roadmap,
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
    REPORT_PREWARM: 'false',
    NODE_ENV: 'production',
  });
  const app = await createApp(config);
  await app.init();
  return app;
}

async function principal(app: Awaited<ReturnType<typeof appOn>>): Promise<Principal> {
  const user = (await app.get(UsersService).authenticate(BENCH_ADMIN.email, BENCH_ADMIN.password))!;
  const { token } = await app.get(TokensService).issue(user.id, 'session');
  return (await app.get(TokensService).resolve(token))!;
}

async function generateAll() {
  mkdirSync(WORK, { recursive: true });
  for (const scale of SCALES) {
    const name = dbFor(scale);
    if (REUSE && existsSync(generatedMark(name)) && existsSync(roadmapFor(name)) && (await store.exists(name))) {
      details[`scale_${scale.name}`] = { ...JSON.parse(readFileSync(generatedMark(name), 'utf8')), reused: true };
      continue;
    }
    rmSync(generatedMark(name), { force: true });
    const t0 = Date.now();
    scaledRoadmap(projectPath('db', 'roadmap.yaml'), scale, roadmapFor(name));
    const r = await generate(store, name, scale, projectPath('db', 'migrations'), roadmapFor(name));
    const seconds = (Date.now() - t0) / 1000;
    log(`generated ${scale.name}: ${r.indicators} indicators, ${r.measurements} measurements in ${seconds.toFixed(1)} s`);
    details[`scale_${scale.name}`] = { ...r, seconds };
    writeFileSync(generatedMark(name), JSON.stringify({ ...r, seconds }));
  }
}

/**
 * Importer (CSV parse + validation + one transaction) vs the engine's driver inserting the same rows
 * with multi-row INSERT statements in one transaction (store.ts, rawWriter), on a copy of the 1× database each.
 */
async function importBench() {
  const base = dbFor(SCALES[0]);
  const productDb = 'import-product';
  const rawDb = 'import-raw';
  await store.copy(base, productDb);
  await store.copy(base, rawDb);
  const indicators = await (async () => {
    const database = store.open(base);
    try {
      const { db, t } = database;
      return (await db.select({ id: t.indicators.id }).from(t.indicators).orderBy(t.indicators.id)).map((i) => i.id);
    } finally {
      await database.close();
    }
  })();
  const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const rowsToImport = Array.from({ length: IMPORT_ROWS }, (_, i) => ({
    indicatorId: indicators[i % indicators.length],
    value: 1 + (i % 50),
    observedAt: day(Math.floor(i / indicators.length)),
    source: 'bench import',
  }));
  const csv = Buffer.from(
    ['indicatorId,value,observedAt,source', ...rowsToImport.map((r) => `${r.indicatorId},${r.value},${r.observedAt},${r.source}`)].join('\n'),
  );

  const app = await appOn(productDb, roadmapFor(base));
  const who = await principal(app);
  const imports = app.get(ImportsService);
  let inserted = 0;
  const productMs = await timeIt(1, async () => {
    inserted = (await imports.run({ buffer: csv, originalname: 'bench.csv' }, false, who)).inserted ?? 0;
  });
  await app.close();
  if (inserted !== IMPORT_ROWS) throw new Error(`importer recorded ${inserted} of ${IMPORT_ROWS} rows`);

  const now = new Date().toISOString();
  const rawRows = rowsToImport.map((r) => ({ ...r, recordedBy: who.userId, recordedAt: now }));
  const raw = await store.rawWriter(rawDb);
  const rawMs = await timeIt(1, () => raw.insertMeasurements(rawRows));
  await raw.close();
  const ratio = rawMs / productMs;
  addRow({
    benchmark: `import ${IMPORT_ROWS} rows (CSV)`,
    scale: '1x',
    product: fmt(IMPORT_ROWS / (productMs / 1000), 'rows/s'),
    baseline: fmt(IMPORT_ROWS / (rawMs / 1000), 'rows/s'),
    ratio,
    goal: '≥ 0.3',
    met: ratio >= 0.3,
  });
  details.import = { rows: IMPORT_ROWS, productMs, rawMs };
}

/**
 * Status per indicator, recomputed (no cache), at each scale vs 1×: does an indicator cost more
 * when it has more past measurements (60, 600, 3 200) in a bigger database? Every scale evaluates
 * the same amount of work, 32 indicators spread evenly over the roadmap, each ~94 times per
 * sample, so that the figure compares histories, not how many distinct indicators fit in the CPU's
 * caches. Milestones (one row each, no history) are left out. The whole roadmap is timed too.
 */
async function statusBench() {
  const perIndicator: Record<string, number> = {};
  let afterWrite: Omit<Row, 'engine'> | undefined;
  for (const scale of SCALES) {
    const app = await appOn(dbFor(scale));
    const status = app.get(StatusService);
    const structure = app.get(RoadmapRepository).structure();
    const all = [...structure.indicatorsById.values()];
    const stride = Math.floor(all.length / STATUS_SAMPLE_INDICATORS);
    const indicators = all.filter((_, k) => k % stride === 0).slice(0, STATUS_SAMPLE_INDICATORS);
    const asOf = '2025-12-31';
    const rounds = Math.ceil(STATUS_SAMPLE_EVALUATIONS / indicators.length);
    const ms = await timeIt(9, async () => {
      for (let r = 0; r < rounds; r++) for (const i of indicators) await status.indicator(i, asOf);
    });
    perIndicator[scale.name] = (ms * 1000) / (indicators.length * rounds);
    // For the record: every objective (indicators and milestones), as the dashboard needs it.
    const allObjectivesMs = await timeIt(5, async () => {
      for (const o of structure.objectives) await status.objective(o.code, asOf);
    });
    details[`status_${scale.name}`] = {
      indicators: all.length,
      sampled: indicators.length,
      rounds,
      msPerSample: ms,
      usPerIndicator: perIndicator[scale.name],
      msAllObjectives: allObjectivesMs,
    };
    if (scale === SCALES[2]) {
      // The dashboard's snapshot right after a value is recorded for one objective, vs after a
      // write that names no objective (every objective evaluated again).
      const tx = app.get(Transactor);
      const afterScopedWrite = await timeIt(9, async () => {
        await tx.run(async () => undefined, { objectives: ['1-1'] });
        await status.snapshot(asOf);
      });
      const afterUnscopedWrite = await timeIt(9, async () => {
        await tx.run(async () => undefined);
        await status.snapshot(asOf);
      });
      afterWrite = {
        benchmark: 'status snapshot after a write to one objective vs after an unscoped write',
        scale: scale.name,
        product: fmt(afterScopedWrite, 'ms'),
        baseline: fmt(afterUnscopedWrite, 'ms'),
        ratio: afterScopedWrite / afterUnscopedWrite,
        goal: 'reported',
        met: true,
      };
      details.snapshotAfterWrite = { scale: scale.name, afterScopedWrite, afterUnscopedWrite };
    }
    await app.close();
  }
  for (const scale of SCALES.slice(1)) {
    const ratio = perIndicator[scale.name] / perIndicator['1x'];
    addRow({
      benchmark: 'status, per indicator evaluated',
      scale: `${scale.name} vs 1x`,
      product: fmt(perIndicator[scale.name], 'µs'),
      baseline: fmt(perIndicator['1x'], 'µs'),
      ratio,
      goal: '≤ 1.5',
      met: ratio <= 1.5,
    });
  }
  if (afterWrite) addRow(afterWrite);
}

async function startServer(name: string, roadmap = roadmapFor(name)) {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to look inside a benchmark's server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, projectPath('dist', 'apps', 'server', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      ...store.env(name),
      ROADMAP_DATA_PATH: roadmap,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SCHEDULER_ENABLED: 'false',
      REPORT_PREWARM: 'false',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/health`, proc);
  } catch (error) {
    await stopProcess(proc);
    throw error;
  }
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_ADMIN) });
  const token = ((await res.json()) as { token: string }).token;
  return { url, proc, token };
}

/** Ends a server process and waits until it has (its database connections closed with it). */
async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill();
  await exited;
}

/**
 * Requests from 10 connections for `seconds`; a request that failed (not 2xx, or no answer within
 * autocannon's 10 s) makes the figure meaningless, so it fails the benchmark unless `tolerateFailures`.
 */
async function cannon(url: string, headers: Record<string, string> = {}, seconds = HTTP_SECONDS, { tolerateFailures = false } = {}) {
  // Both servers get the same 2 s of warm-up, discarded, so that JIT compilation is not measured.
  await autocannon({ url, connections: 10, duration: 2, headers });
  const r = await autocannon({ url, connections: 10, duration: seconds, headers });
  const failures = failuresOf(r);
  if (failures.failed > 0 && !tolerateFailures) throw new Error(`${url}: ${failures.text}`);
  return { rps: r.requests.average, p99: r.latency.p99, bytes: r.throughput.average, requests: r.requests.total, ...failures };
}

/** How many requests failed, and how: answers by status code, and requests with no answer. */
function failuresOf(r: autocannon.Result) {
  const answers = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${count} × ${code}`);
  if (r.errors) answers.push(`${r.errors} errors (${r.timeouts} timeouts)`);
  return { failed: r.non2xx + r.errors, text: `${answers.join(', ')} of ${r.requests.total + r.errors} requests` };
}

/**
 * GET /api/v1/roadmap and /api/v1/status over loopback vs a bare server sending the same bytes. The
 * roadmap (the same small answer whatever the data) must come within 0.8 of the bare server's rate.
 */
async function httpBench() {
  for (const scale of [SCALES[0], SCALES[2]]) {
    const server = await startServer(dbFor(scale));
    try {
      const auth = { authorization: `Bearer ${server.token}` };
      for (const path of ['/api/v1/roadmap', '/api/v1/status?asOf=2025-12-31']) {
        const body = Buffer.from(await (await fetch(`${server.url}${path}`, { headers: auth })).arrayBuffer());
        const file = join(WORK, `body-${store.engine}-${scale.name}-${path.replace(/\W+/g, '_')}.json`);
        writeFileSync(file, body);
        const product = await cannon(`${server.url}${path}`, auth);
        const bare = await bareServer(file);
        let baseline: Awaited<ReturnType<typeof cannon>>;
        try {
          baseline = await cannon(bare.url);
        } finally {
          await stopProcess(bare.proc);
        }
        const ratio = product.rps / baseline.rps;
        const goal = path === '/api/v1/roadmap' ? 0.8 : 0.5;
        addRow({
          benchmark: `GET ${path.split('?')[0]} (${Math.round(body.length / 1024)} KiB)`,
          scale: scale.name,
          product: fmt(product.rps, 'req/s'),
          baseline: fmt(baseline.rps, 'req/s'),
          ratio,
          goal: `≥ ${goal}`,
          met: ratio >= goal,
        });
        details[`http_${scale.name}_${path}`] = { product, baseline, bytes: body.length };
      }
    } finally {
      await stopProcess(server.proc);
    }
  }
}

/** Whole-roadmap PDF with the warm printer vs Chromium printing the same final HTML directly. */
async function pdfBench() {
  const app = await appOn(dbFor(SCALES[0]));
  const reports = app.get(ReportsService);
  const order = { kind: 'roadmap' as const, period: '2025-Q4', format: 'pdf' as const, lang: 'fr' as const };
  await reports.warmUp();
  await reports.generate(order, { userId: null, trigger: 'cli' }); // first one warms the page code too
  const htmlMs = await timeIt(5, () => reports.html(order));
  const productMs = await timeIt(5, () => reports.generate(order, { userId: null, trigger: 'cli' }));
  const { html, model } = await reports.html(order);
  await app.close();

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const print = async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.chartsReady === 'true');
    await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: `<div>${model.cover.title}</div>`,
      footerTemplate: `<div>${LABELS.fr.page} <span class="pageNumber"></span></div>`,
    });
    await page.close();
  };
  await print();
  const baselineMs = await timeIt(5, print);
  await browser.close();
  const ratio = productMs / baselineMs;
  addRow({
    benchmark: 'whole-roadmap PDF (warm browser)',
    scale: '1x',
    product: fmt(productMs, 'ms'),
    baseline: fmt(baselineMs, 'ms'),
    ratio,
    goal: '≤ 1.3',
    met: ratio <= 1.3,
  });
  addRow({ benchmark: 'whole-roadmap HTML render', scale: '1x', product: fmt(htmlMs, 'ms'), baseline: '–', ratio: NaN, goal: 'reported', met: true });
  details.pdf = { productMs, baselineMs, htmlMs, htmlBytes: html.length };
}

/**
 * Peak RSS of the server on the 1000× database under load: new values recorded for the indicators
 * of one objective (each write makes the next /status evaluate that objective again) while
 * /api/v1/status and /api/v1/roadmap are read. On a copy of the database, dropped after, so that
 * the writes never reach the database the other benchmarks measure, and every run starts from the
 * same data. As in the HTTP benchmark, each answer is asked for once before the load: the first
 * /status after a start evaluates the whole roadmap (timed by the status benchmark).
 */
async function memoryBench() {
  const scale = SCALES[2];
  const name = `memory-${scale.name}`;
  await store.copy(dbFor(scale), name);
  try {
    await loadedServerMemory(scale, name);
  } finally {
    await store.drop(name);
  }
}

async function loadedServerMemory(scale: Scale, name: string) {
  const objectiveIndicators = await (async () => {
    const database = store.open(name);
    try {
      const { db, t } = database;
      const [first] = await db.select({ objectiveId: t.indicators.objectiveId }).from(t.indicators).where(eq(t.indicators.id, 1));
      const ids = await db.select({ id: t.indicators.id }).from(t.indicators).where(eq(t.indicators.objectiveId, first.objectiveId)).orderBy(t.indicators.id);
      return ids.map((i) => i.id);
    } finally {
      await database.close();
    }
  })();
  const server = await startServer(name, roadmapFor(dbFor(scale)));
  const auth = { authorization: `Bearer ${server.token}` };
  const statusUrl = `${server.url}/api/v1/status?asOf=2025-12-31`;
  const roadmapUrl = `${server.url}/api/v1/roadmap`;
  for (const url of [statusUrl, roadmapUrl]) await fetch(url, { headers: auth }).then((r) => r.arrayBuffer());
  // Write k goes to the objective's indicators in turn, each one day after its previous one, from
  // the earliest date a value may have: years before the generated series (2017–2025), never twice.
  let k = 0;
  const writes = autocannon({
    url: server.url,
    connections: 4,
    duration: HTTP_SECONDS * 2,
    headers: { ...auth, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const indicator = objectiveIndicators[k % objectiveIndicators.length];
          const observedAt = new Date(Date.UTC(2000, 0, 1) + Math.floor(k++ / objectiveIndicators.length) * 86_400_000).toISOString().slice(0, 10);
          return { ...request, path: `/api/v1/indicators/${indicator}/measurements`, body: JSON.stringify({ value: 1, observedAt, source: 'bench memory' }) };
        },
      },
    ],
  });
  // Failed requests do not stop this benchmark (its figure is the memory), they are reported with it.
  const reads = cannon(statusUrl, auth, HTTP_SECONDS * 2, { tolerateFailures: true });
  const roadmap = cannon(roadmapUrl, auth, HTTP_SECONDS * 2, { tolerateFailures: true });
  let loads: [autocannon.Result, Awaited<typeof reads>, Awaited<typeof roadmap>];
  let peak: number;
  try {
    loads = await Promise.all([writes, reads, roadmap]);
    peak = peakRssMb(server.proc.pid!);
  } finally {
    await stopProcess(server.proc);
  }
  const [w, status, roadmapReads] = loads;
  const failed = Object.entries({ 'POST measurements': failuresOf(w), 'GET /api/v1/status': status, 'GET /api/v1/roadmap': roadmapReads }).filter(
    ([, f]) => f.failed > 0,
  );
  addRow({
    benchmark: 'server peak RSS under load (reads + writes)',
    scale: scale.name,
    product: `${peak} MB${failed.map(([what, f]) => `; failed ${what}: ${f.text}`).join('')}`,
    baseline: '–',
    ratio: NaN,
    goal: '≤ 300 MB',
    met: peak <= 300 && failed.length === 0,
  });
  details.memory = {
    peakRssMb: peak,
    writesPerSecond: w.requests.average,
    writes: w.requests.total,
    statusPerSecond: status.rps,
    roadmapPerSecond: roadmapReads.rps,
    failures: Object.fromEntries(failed.map(([what, f]) => [what, f.text])),
  };
}

/** The benchmarks, in the order they run on each engine (BENCH_ONLY picks some). */
const BENCHMARKS: [string, () => Promise<void>][] = [
  ['generate', generateAll],
  ['import', importBench],
  ['status', statusBench],
  ['http', httpBench],
  ['pdf', pdfBench],
  ['memory', memoryBench],
];

async function main() {
  mkdirSync(OUT, { recursive: true });
  mkdirSync(WORK, { recursive: true });
  const started = Date.now();
  const seconds: Partial<Record<Engine, number>> = {};
  for (const engine of ENGINES) {
    const engineStarted = Date.now();
    store = await openStore(engine);
    details = allDetails[engine] = {};
    try {
      for (const [name, run] of BENCHMARKS.filter(([name]) => ONLY.includes(name))) {
        try {
          await run();
        } catch (error) {
          // A failed benchmark is a row of the table; the others still run (on this engine, unless
          // its databases could not be generated, and on the next engine).
          console.error(`[${engine}] ${name} failed:`, error);
          const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160);
          addRow({ benchmark: `${name} (failed)`, scale: '–', product: message, baseline: '–', ratio: NaN, goal: '–', met: false });
          if (name === 'generate') break;
        }
      }
    } finally {
      await store.close();
    }
    seconds[engine] = Math.round((Date.now() - engineStarted) / 1000);
  }
  const ratio = (r: Row) => (Number.isNaN(r.ratio) ? '–' : r.ratio.toFixed(2));
  console.table(rows.map((r) => ({ ...r, ratio: ratio(r), met: r.met ? 'yes' : 'NO' })));
  const result = {
    date: new Date().toISOString(),
    engines: ENGINES,
    quick: QUICK,
    node: process.version,
    seconds: Math.round((Date.now() - started) / 1000),
    secondsPerEngine: seconds,
    rows,
    details: allDetails,
  };
  writeFileSync(join(OUT, `${RESULT}.json`), JSON.stringify(result, null, 2));
  writeFileSync(join(OUT, `${RESULT}.md`), sideBySide(ratio));
  console.log(`results written to ${join(OUT, `${RESULT}.json`)} and ${RESULT}.md (the engines side by side), ${result.seconds} s`);
  if (rows.some((r) => r.benchmark.endsWith('(failed)'))) process.exitCode = 1;
}

/** The rows as a Markdown table, one line per benchmark and scale, each engine's figures side by side. */
function sideBySide(ratio: (r: Row) => string): string {
  const keys = [...new Set(rows.map((r) => `${r.benchmark}\u0000${r.scale}`))];
  const name: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
  const head = ['benchmark', 'scale', ...ENGINES.flatMap((e) => [`${name[e]} product`, 'baseline', 'ratio']), 'goal'];
  const lines = keys.map((key) => {
    const [benchmark, scale] = key.split('\u0000');
    const of = rows.filter((r) => r.benchmark === benchmark && r.scale === scale);
    const cells = ENGINES.flatMap((e) => {
      const r = of.find((x) => x.engine === e);
      if (!r) return ['', '', ''];
      const mark = r.goal === 'reported' ? '' : r.met ? ' ✔' : ' ✘';
      // A figure with no baseline (peak memory) carries its goal's mark itself.
      if (Number.isNaN(r.ratio)) return [`${r.product}${mark}`, r.baseline, '–'];
      return [r.product, r.baseline, `**${ratio(r)}**${mark}`];
    });
    return [benchmark, scale, ...cells, of[0].goal];
  });
  return [head, head.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
