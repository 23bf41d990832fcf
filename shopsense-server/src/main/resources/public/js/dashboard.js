// Dashboard: live traffic per minute (events by type, CTR and conversion, coverage and diversity of
// what was shown), the store's history per day, A/B experiments with 95% intervals, and each model
// snapshot's offline metrics. Refreshes every 10 s while open.
import { api, config, sendEvents } from './api.js';
import { h, replace, notice, fmt, pick } from './dom.js';
import { lineChart, intervalChart, groupedBars } from './charts.js';
import { userIdOf } from './widgets.js';

const TYPES = ['view', 'click', 'add_to_cart', 'purchase', 'search', 'impression', 'rate', 'review', 'favorite', 'remove_from_cart'];

export async function dashboardView(main) {
  const live = h('section', { class: 'dash-section', id: 'dash-live', attrs: { 'aria-labelledby': 'h-live' } });
  const history = h('section', { class: 'dash-section', id: 'dash-history', attrs: { 'aria-labelledby': 'h-history' } });
  const experiments = h('section', { class: 'dash-section', id: 'dash-experiments', attrs: { 'aria-labelledby': 'h-exp' } });
  const offline = h('section', { class: 'dash-section', id: 'dash-offline', attrs: { 'aria-labelledby': 'h-offline' } });
  const simStatus = h('span', { class: 'status', attrs: { 'aria-live': 'polite' } });
  const simButton = h('button', { type: 'button', id: 'simulate', text: 'Simulate 40 shopper visits',
    title: 'Searches as the demo shoppers, logs impressions, clicks and some purchases through the API',
    on: { click: () => simulate(simButton, simStatus, refresh) } });
  replace(main, h('h1', { text: 'Dashboard' }),
    h('div', { class: 'toolbar' }, simButton, simStatus),
    live, experiments, offline, history);

  let metric = 'ndcg@10';
  async function refresh() {
    await Promise.all([
      activity('live', live, 'Live traffic (per minute, last hour)', 'h-live'),
      activity('history', history, 'Store history (per day)', 'h-history'),
      experimentsPanel(experiments),
      offlinePanel(offline, metric, (m) => { metric = m; offlinePanel(offline, metric, null); }),
    ]);
    main.dataset.loaded = 'true';
  }
  await refresh();
  const timer = setInterval(() => { if (document.visibilityState === 'visible') refresh(); }, 10000);
  return () => clearInterval(timer);
}

async function activity(window, box, title, hid) {
  let a;
  try {
    a = await api('/v1/console/activity', { query: { window } });
  } catch (e) {
    replace(box, h('h2', { id: hid, text: title }), notice('error', 'Activity not available: ' + e));
    return;
  }
  const buckets = a.buckets || [];
  const status = a.status && a.status !== 'ready' ? notice('info', a.status) : null;
  const perType = TYPES.map((t) => ({ name: t, points: buckets.map((b) => [b.t, (b.events && b.events[t]) || 0]) }))
    .filter((sr) => sr.points.some((p) => p[1] > 0));
  const rates = [
    { name: 'CTR (clicks / impressions)', points: buckets.filter((b) => b.impressions > 0).map((b) => [b.t, b.ctr]) },
    { name: 'conversion (purchases / impressions)', points: buckets.filter((b) => b.impressions > 0).map((b) => [b.t, b.conversion]) },
  ];
  const served = [
    { name: 'catalog coverage (distinct items shown / catalog)', points: buckets.filter((b) => b.impressions > 0).map((b) => [b.t, b.coverage]) },
    { name: 'intra-list diversity (pairs in different categories)', points: buckets.filter((b) => b.impressions > 0).map((b) => [b.t, b.diversity]) },
  ];
  const unit = window === 'live' ? 'minute' : 'day';
  replace(box,
    h('h2', { id: hid, text: title }), status,
    h('p', { class: 'meta', text: `${fmt.num(a.total_events ?? 0)} events` + (a.catalog_items ? `, catalog of ${fmt.num(a.catalog_items)} items` : '')
      + (window === 'live' ? ' — events reach this chart as the API accepts them' : ' — the events in the store, by their own time') }),
    h('div', { class: 'grid charts' },
      h('div', { class: 'card' }, h('h3', { text: `Events per ${unit} by type` }),
        lineChart(perType, { label: `events per ${unit} by type`, yFormat: (v) => fmt.num(v), empty: 'no events yet' })),
      h('div', { class: 'card' }, h('h3', { text: 'CTR and conversion' }),
        lineChart(rates, { label: 'CTR and conversion over time', yFormat: (v) => fmt.pct(v, 0), empty: 'no impressions yet' })),
      h('div', { class: 'card' }, h('h3', { text: 'Coverage and diversity of what was shown' }),
        lineChart(served, { label: 'catalog coverage and diversity over time', yFormat: (v) => fmt.pct(v, 0), yMax: 1, empty: 'no impressions yet' }))));
}

async function experimentsPanel(box) {
  let list;
  try {
    list = await api('/v1/experiments', { admin: true });
  } catch (e) {
    replace(box, h('h2', { id: 'h-exp', text: 'Experiments' }), notice('error', 'Experiments not available: ' + e));
    return;
  }
  const exps = Array.isArray(list) ? list : (list.experiments || []);
  const parts = [h('h2', { id: 'h-exp', text: 'Experiments (per variant, 95% confidence intervals)' })];
  if (!exps.length) {
    parts.push(h('p', { class: 'empty', text: 'No A/B experiment yet. Start one to compare variants on live traffic.' }),
      h('button', { type: 'button', id: 'start-experiment', text: 'Start a demo A/B test (admin key)',
        on: { click: async (e) => {
          e.target.disabled = true;
          try {
            await api('/v1/experiments', { method: 'POST', admin: true, body: demoExperiment() });
            await experimentsPanel(box);
          } catch (err) { box.appendChild(notice('error', 'Could not start it: ' + err)); e.target.disabled = false; }
        } } }));
  }
  for (const x of exps) {
    let report = x.report || (x.variants && x.variants.length && x.variants[0].ctr ? x : null);
    if (!report) {
      try { report = await api('/v1/experiments/' + encodeURIComponent(x.id), { admin: true }); } catch (e) { report = null; }
      if (report && report.report) report = report.report;
    }
    const variants = (report && report.variants) || [];
    const rate = (v, k) => { const r = pick(v, k) || {}; return { label: v.variant || v.name, value: r.value, low: r.low, high: r.high }; };
    parts.push(h('article', { class: 'card experiment' },
      h('h3', { text: `${x.id}${x.scenario ? ' — ' + x.scenario : ''}${x.active === false ? ' (inactive)' : ''}` }),
      h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['variant', 'impressions', 'clicks', 'conversions', 'CTR', 'conversion'].map((c) => h('th', { text: c, attrs: { scope: 'col' } })))),
        h('tbody', {}, variants.map((v) => h('tr', {},
          h('th', { text: v.variant || v.name, attrs: { scope: 'row' } }), h('td', { text: fmt.num(v.impressions) }),
          h('td', { text: fmt.num(v.clicks) }), h('td', { text: fmt.num(v.conversions) }),
          h('td', { text: fmt.pct(pick(v.ctr || {}, 'value')) }), h('td', { text: fmt.pct(pick(v.conversion || {}, 'value')) }))))),
      h('div', { class: 'grid' },
        h('figure', { class: 'card' }, h('figcaption', { text: 'CTR by variant' }),
          intervalChart(variants.map((v) => rate(v, 'ctr')), { label: 'CTR by variant with 95% intervals', format: (v) => fmt.pct(v), empty: 'no impressions yet' })),
        h('figure', { class: 'card' }, h('figcaption', { text: 'Conversion by variant' }),
          intervalChart(variants.map((v) => rate(v, 'conversion')), { label: 'conversion by variant with 95% intervals', format: (v) => fmt.pct(v), empty: 'no impressions yet' })))));
  }
  replace(box, ...parts);
}

/** Personalized search re-ranking (control) against the same ranker without the shopper's features. */
function demoExperiment() {
  return {
    id: 'search-personalization', scenario: 'search', active: true,
    variants: [
      { name: 'control', weight: 1, config: {} },
      { name: 'not-personalized', weight: 1, config: { 'rank.personalize': 'false' } },
    ],
  };
}

/** The snapshots as a list, oldest first. */
export async function snapshots() {
  const r = await api('/v1/models');
  const list = Array.isArray(r) ? r : (r.snapshots || r.models || []);
  return list.slice().sort((a, b) => (a.version || 0) - (b.version || 0));
}

async function offlinePanel(box, metric, onMetric) {
  let list;
  try {
    list = await snapshots();
  } catch (e) {
    replace(box, h('h2', { id: 'h-offline', text: 'Offline metrics per snapshot' }), notice('error', 'Models not available: ' + e));
    return;
  }
  const names = qualityMetrics(list);
  const algos = [...new Set(list.flatMap((sn) => recommenders(sn)))].sort();
  if (names.length && !names.includes(metric)) metric = names.find((m) => m.startsWith('ndcg')) || names[0];
  const series = algos.map((alg) => ({ name: alg,
    points: list.filter((sn) => sn.metrics && sn.metrics[alg] && sn.metrics[alg][metric] !== undefined)
      .map((sn) => [sn.created, Number(sn.metrics[alg][metric])]) }));
  const select = h('select', { id: 'offline-metric', attrs: { 'aria-label': 'Offline metric' },
    on: { change: () => onMetric && onMetric(select.value) } }, names.map((m) => h('option', { value: m, text: m })));
  select.value = metric;
  const latest = list[list.length - 1];
  replace(box, h('h2', { id: 'h-offline', text: 'Offline metrics per snapshot (holdout)' }),
    h('div', { class: 'grid charts' },
      h('div', { class: 'card' }, h('h3', { text: 'Over the snapshots' }),
        h('div', { class: 'toolbar' }, h('label', { attrs: { for: 'offline-metric' }, text: 'Metric' }), select),
        lineChart(series, { label: `${metric} of each snapshot by algorithm`, yFormat: (v) => Number(v).toFixed(3),
          empty: 'no snapshot trained yet', caption: `${list.length} snapshot(s); x = when each was trained` })),
      h('div', { class: 'card' }, h('h3', { text: latest ? `Snapshot ${latest.version}: algorithm against algorithm` : 'Latest snapshot' }),
        metricBars(latest, names))));
}

/** The ranking-quality metric names (those with a cut-off, such as ndcg@10) of the snapshots. */
export function qualityMetrics(list) {
  const all = new Set(list.flatMap((sn) => recommenders(sn).flatMap((a) => Object.keys(sn.metrics[a] || {}))));
  return [...all].filter((m) => m.includes('@')).sort();
}

/** The metric entries of a snapshot's recommenders (the search ranker's held-out figures are apart). */
export function recommenders(sn) {
  return Object.keys((sn && sn.metrics) || {}).filter((a) => a !== SEARCH_RANKER);
}

/** The metrics entry of the search re-ranker (held-out NDCG@10 of each ranker). */
export const SEARCH_RANKER = 'search-ranker';

/** Grouped bars of one snapshot: metrics as groups, algorithms as bars. */
export function metricBars(sn, names) {
  const algos = sn ? recommenders(sn) : [];
  return groupedBars(names, algos, names.map((m) => algos.map((a) => Number(((sn.metrics[a]) || {})[m]))),
    { label: 'holdout metrics by algorithm', empty: 'no snapshot trained yet' });
}

/**
 * Drives the API like a shop's front end would: for the offered shoppers, search an example query,
 * log the impression, click one of the first results and sometimes buy it.
 */
async function simulate(button, status, done) {
  const shoppers = config.shoppers.length ? config.shoppers.map((x) => x.id) : [userIdOf(null)];
  const queries = config.queries.length ? config.queries : ['shoes', 'coffee', '手机'];
  button.disabled = true;
  let visits = 0, clicks = 0, buys = 0, errors = 0;
  const total = 40;
  try {
    for (let i = 0; i < total; i++) {
      const user = shoppers[i % shoppers.length];
      const q = queries[(i * 7 + Math.floor(Math.random() * 3)) % queries.length];
      try {
        const r = await api('/v1/search', { query: { q, user, n: 10 } });
        const ids = r.results.map((x) => x.id);
        const events = [{ type: 'impression', query: q, items: ids, request_id: r.request_id }];
        if (ids.length && Math.random() < 0.6) {
          const pickIdx = Math.min(ids.length - 1, Math.floor(Math.random() * Math.random() * ids.length));
          events.push({ type: 'click', item: ids[pickIdx], query: q, request_id: r.request_id });
          clicks++;
          if (Math.random() < 0.25) { events.push({ type: 'purchase', item: ids[pickIdx], value: 1, request_id: r.request_id }); buys++; }
        }
        await sendEvents(user, events);
        visits++;
      } catch (e) {
        errors++;
        console.warn('simulated visit failed', e);
      }
      status.textContent = `${visits}/${total} visits, ${clicks} clicks, ${buys} purchases` + (errors ? `, ${errors} errors` : '');
    }
  } finally {
    button.disabled = false;
  }
  await done();
}
