// Models and training: every snapshot with its holdout metrics, and a button that trains a new one
// (admin key) while showing its progress.
import { api, config } from './api.js';
import { h, replace, notice, fmt } from './dom.js';
import { snapshots, qualityMetrics, metricBars } from './dashboard.js';

export async function modelsView(main) {
  const table = h('div', { class: 'snapshots' }, notice('info', 'Loading…'));
  const progress = h('div', { class: 'train-progress', id: 'train-progress', attrs: { 'aria-live': 'polite' } });
  const button = h('button', { type: 'button', id: 'train', text: 'Train a new snapshot', on: { click: () => train() } });
  replace(main, h('h1', { text: 'Models and training' }),
    h('div', { class: 'toolbar' }, button,
      h('span', { class: 'meta', text: config.keys.admin ? 'uses the admin key' : 'needs the admin key (API keys button)' })),
    progress, table);

  async function load() {
    try {
      renderSnapshots(table, (await snapshots()).reverse());
    } catch (e) {
      replace(table, notice('error', 'Models not available: ' + e));
    }
  }

  let timer = null;
  async function train() {
    button.disabled = true;
    const started = Date.now();
    const bar = h('progress', { max: 100, attrs: { 'aria-label': 'Training progress' } });
    const line = h('span', { text: 'starting…' });
    replace(progress, h('div', { class: 'card' }, h('h2', { text: 'Training' }), bar, ' ', line));
    // the engine reports no progress while it trains: estimate it from the last run's duration
    let expected = null;
    try { expected = (await api('/v1/console/training')).last_seconds; } catch (e) { expected = null; }
    const poll = () => {
      const secs = (Date.now() - started) / 1000;
      if (expected) {
        const pct = Math.min(95, Math.round(100 * secs / expected));
        bar.value = pct;
        line.textContent = `training — ${secs.toFixed(0)} s of about ${expected.toFixed(0)} s (${pct}%, estimated from the last run)`;
      } else {
        bar.removeAttribute('value');
        line.textContent = `training — ${secs.toFixed(0)} s`;
      }
    };
    timer = setInterval(poll, 1000);
    poll();
    try {
      const r = await api('/v1/train', { method: 'POST', admin: true, body: {} });
      const report = r && (r.report || r);
      bar.value = 100;
      const sn = report.snapshot || {};
      line.textContent = report.published === false
        ? `snapshot ${sn.version ?? ''} not published: ${report.reason || ''} (${fmt.secs(report.seconds)})`
        : `snapshot ${sn.version ?? ''} published in ${fmt.secs(report.seconds)}${report.reason ? ': ' + report.reason : ''}`;
      if (sn.search_report) line.textContent += ` — ${sn.search_report}`;
      progress.querySelector('.card').dataset.done = 'true';
    } catch (e) {
      replace(progress, notice('error', 'Training failed: ' + e));
    } finally {
      clearInterval(timer);
      timer = null;
      button.disabled = false;
      await load();
    }
  }

  await load();
  return () => { if (timer) clearInterval(timer); };
}

function renderSnapshots(box, list) {
  if (!list.length) { replace(box, h('p', { class: 'empty', text: 'No snapshot yet: train one.' })); return; }
  const quality = qualityMetrics(list);
  replace(box, list.map((sn, i) => {
    const algos = sn.algorithms || Object.keys(sn.metrics || {});
    const m = (alg, k) => ((sn.metrics || {})[alg] || {})[k];
    return h('article', { class: 'card snapshot', dataset: { version: sn.version } },
      h('h2', { text: `Snapshot ${sn.version}` + (sn.status ? ` — ${sn.status}` : '') }),
      h('p', { class: 'meta', text: `trained ${fmt.time(sn.created)} on ${fmt.num(sn.events)} events, `
        + `${fmt.num(sn.users)} shoppers × ${fmt.num(sn.items)} items` }),
      sn.search_report ? h('p', { class: 'meta', dataset: { testid: 'search-ranker' }, text: sn.search_report }) : null,
      h('div', { class: 'grid charts' },
        h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
          h('thead', {}, h('tr', {}, h('th', { text: 'algorithm', attrs: { scope: 'col' } }),
            quality.map((q) => h('th', { text: q, attrs: { scope: 'col' } })),
            h('th', { text: 'fit', attrs: { scope: 'col' } }), h('th', { text: 'test users', attrs: { scope: 'col' } }))),
          h('tbody', {}, algos.map((alg) => h('tr', {},
            h('th', { text: alg, attrs: { scope: 'row' } }),
            quality.map((q) => h('td', { text: fmt.metric(m(alg, q)) })),
            h('td', { text: fmt.secs(m(alg, 'fit_seconds')) }),
            h('td', { text: fmt.num(m(alg, 'users')) })))))),
        i === 0 ? metricBars(sn, quality) : null));
  }));
}
