// Evaluation report: the results of `./shopsense evaluate --json FILE` saved under <data>/reports/,
// as a table, algorithm-vs-algorithm bars, and metric-vs-k lines across reports of the same split.
import { api } from './api.js';
import { h, replace, notice, fmt } from './dom.js';
import { groupedBars, lineChart } from './charts.js';

const MAIN = ['precision', 'recall', 'f1', 'ndcg', 'map', 'hit_rate'];

export async function evaluationView(main) {
  const body = h('div', { class: 'eval-body' }, notice('info', 'Loading…'));
  replace(main, h('h1', { text: 'Evaluation report' }), body);
  let reports;
  try {
    const r = await api('/v1/console/reports');
    reports = (Array.isArray(r) ? r : r.reports || []).filter((x) => x.report && Array.isArray(x.report.results));
  } catch (e) {
    replace(body, notice('error', 'Reports not available: ' + e));
    return null;
  }
  if (!reports.length) {
    replace(body, h('p', { class: 'empty', text: 'No evaluation report yet. The demo computes one in the background after it starts (reload in a minute or two); or write one with:' }),
      h('pre', {}, h('code', { text: './shopsense evaluate --data DIR --protocol holdout --k 10 --json DIR/reports/holdout-k10.json' })));
    return null;
  }
  reports.sort((a, b) => (b.modified || 0) - (a.modified || 0));
  const select = h('select', { id: 'report-select', attrs: { 'aria-label': 'Report' },
    on: { change: () => show(reports[Number(select.value)]) } },
  reports.map((x, i) => h('option', { value: i, text: `${x.file} (${fmt.time(x.modified)})` })));
  const view = h('div', {});
  replace(body, h('div', { class: 'toolbar' }, h('label', { attrs: { for: 'report-select' }, text: 'Report' }), select), view);

  function show(entry) {
    const rep = entry.report;
    const metrics = [...new Set(rep.results.flatMap((a) => Object.keys(a.metrics || {})))];
    const algs = rep.results.map((a) => a.algorithm);
    const shown = MAIN.filter((m) => metrics.includes(m));
    const sameSplit = reports.filter((x) => x.report.dataset === rep.dataset && x.report.protocol === rep.protocol);
    const ks = [...new Set(sameSplit.map((x) => x.report.k))].sort((a, b) => a - b);
    const kMetric = h('select', { id: 'k-metric', attrs: { 'aria-label': 'Metric for the k chart' } },
      shown.map((m) => h('option', { value: m, text: m })));
    const kChart = h('div', {});
    const drawK = () => {
      const m = kMetric.value;
      const series = algs.map((alg) => ({ name: alg, points: ks.map((k) => {
        const x = sameSplit.filter((r) => r.report.k === k).sort((a, b) => (b.modified || 0) - (a.modified || 0))[0];
        const res = x && x.report.results.find((a) => a.algorithm === alg);
        return [k, res && res.metrics ? Number(res.metrics[m]) : NaN];
      }) }));
      replace(kChart, lineChart(series, { time: false, label: `${m} against k`, yFormat: (v) => Number(v).toFixed(3),
        xFormat: (v) => 'k=' + v, xTicks: ks, empty: 'one k only',
        caption: ks.length > 1 ? `reports of this split at k = ${ks.join(', ')}` : `only k = ${ks[0]} so far: evaluate again with another --k to draw the curve` }));
    };
    kMetric.addEventListener('change', drawK);
    replace(view,
      h('p', { class: 'meta', text: `${rep.dataset} — protocol ${rep.protocol} (${rep.split}), ranking ${rep.ranking}, `
        + `k=${rep.k}, ${fmt.num(rep.testUsers ?? rep.test_users)} test users, seed ${rep.seed}` }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'eval-table' },
        h('thead', {}, h('tr', {}, h('th', { text: 'algorithm', attrs: { scope: 'col' } }),
          metrics.map((m) => h('th', { text: m, attrs: { scope: 'col' } })),
          h('th', { text: 'fit', attrs: { scope: 'col' } }), h('th', { text: 'score', attrs: { scope: 'col' } }))),
        h('tbody', {}, rep.results.map((a) => h('tr', {}, h('th', { text: a.algorithm, attrs: { scope: 'row' } }),
          metrics.map((m) => h('td', { text: fmt.metric((a.metrics || {})[m]) })),
          h('td', { text: fmt.secs(a.fitSeconds ?? a.fit_seconds) }), h('td', { text: fmt.secs(a.scoreSeconds ?? a.score_seconds) })))))),
      h('div', { class: 'grid charts' },
        h('div', { class: 'card' }, h('h2', { text: 'Algorithm against algorithm' }),
          groupedBars(shown.map((m) => `${m}@${rep.k}`), algs,
            shown.map((m) => rep.results.map((a) => Number((a.metrics || {})[m]))), { label: 'metrics by algorithm' })),
        h('div', { class: 'card' }, h('h2', { text: 'Metric against k' }),
          h('div', { class: 'toolbar' }, h('label', { attrs: { for: 'k-metric' }, text: 'Metric' }), kMetric), kChart)));
    drawK();
  }
  show(reports[0]);
  return null;
}
