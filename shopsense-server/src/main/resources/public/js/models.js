// Models and training: every snapshot with its holdout metrics, and a button that trains a new one
// (admin key) while showing the engine's live progress (GET /v1/train/progress).
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

  // while POST /v1/train is pending, GET /v1/train/progress is polled every 500 ms: the engine's stage
  // and overall fraction (each stage weighed by its time in the previous run)
  let timer = null;
  let polling = false;
  async function train() {
    button.disabled = true;
    const bar = h('progress', { max: 100, attrs: { 'aria-label': 'Training progress' } });
    // the line (in the live region) changes once per stage; the figures change at every poll and are
    // hidden from screen readers, which read the bar's value text instead
    const line = h('span', { text: 'starting…' });
    const figures = h('span', { class: 'meta', attrs: { 'aria-hidden': 'true' } });
    replace(progress, h('div', { class: 'card' }, h('h2', { text: 'Training' }), bar, ' ', line, ' ', figures));
    const setLine = (text) => { if (line.textContent !== text) line.textContent = text; };
    const show = (p) => {
      if (!p || !p.running) { setLine('waiting for the engine…'); return; } // ours has not started yet
      const pct = Math.round(100 * (p.fraction || 0));
      bar.value = pct;
      bar.setAttribute('aria-valuetext', `${p.stage}, ${pct}%`);
      setLine(`training — ${p.stage} (stage ${p.stage_index} of ${p.stages})`);
      line.dataset.stage = p.stage;
      figures.textContent = `${p.detail ? p.detail + ', ' : ''}${pct}% — ${fmt.secs(p.seconds)}`;
    };
    const poll = async () => {
      if (!polling) return;
      try {
        const p = await api('/v1/train/progress');
        if (polling) show(p);
      } catch (e) {
        if (polling) setLine('training — progress not available: ' + e);
      }
      if (polling) timer = setTimeout(poll, 500);
    };
    polling = true;
    poll();
    try {
      const r = await api('/v1/train', { method: 'POST', admin: true, body: {} });
      stop();
      const report = r && (r.report || r);
      bar.value = 100;
      bar.removeAttribute('aria-valuetext');
      figures.textContent = '';
      const sn = report.snapshot || {};
      line.textContent = report.published === false
        ? `snapshot ${sn.version ?? ''} not published: ${report.reason || ''} (${fmt.secs(report.seconds)})`
        : `snapshot ${sn.version ?? ''} published in ${fmt.secs(report.seconds)}${report.reason ? ': ' + report.reason : ''}`;
      if (sn.search_report) line.textContent += ` — ${sn.search_report}`;
      progress.querySelector('.card').dataset.done = 'true';
    } catch (e) {
      stop();
      replace(progress, notice('error', 'Training failed: ' + e));
    } finally {
      button.disabled = false;
      await load();
    }
  }

  function stop() {
    polling = false;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  await load();
  return stop;
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
