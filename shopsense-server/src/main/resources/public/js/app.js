// The console's entry point: loads the config, wires the keys dialog, and routes #/view/arg to a view.
import { loadConfig, config, saveKeys } from './api.js';
import { h, replace, notice } from './dom.js';
import { searchView } from './search.js';
import { shopperView } from './shopper.js';
import { itemView } from './item.js';
import { dashboardView } from './dashboard.js';
import { modelsView } from './models.js';
import { evaluationView } from './evaluation.js';

const VIEWS = {
  search: searchView,
  shopper: shopperView,
  item: itemView,
  dashboard: dashboardView,
  models: modelsView,
  evaluation: evaluationView,
};

let cleanup = null;

/** Parses '#/view/arg?x=1' into {view, arg, params}. */
export function parseHash(hash) {
  const raw = (hash || '').replace(/^#\/?/, '');
  const [path, qs] = raw.split('?');
  const [view, ...rest] = path.split('/');
  return { view: VIEWS[view] ? view : 'search', arg: rest.length ? decodeURIComponent(rest.join('/')) : '',
    params: new URLSearchParams(qs || '') };
}

async function route(event) {
  if (cleanup) { try { cleanup(); } catch (e) { console.warn(e); } cleanup = null; }
  const { view, arg, params } = parseHash(location.hash);
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const main = document.getElementById('main');
  replace(main);
  main.dataset.view = view;
  try {
    const pending = VIEWS[view](main, arg, params);
    // after following a link, keyboard and screen-reader users continue in the new view
    if (event && event.type === 'hashchange') main.focus({ preventScroll: true });
    cleanup = (await pending) || null;
  } catch (e) {
    console.error(e);
    main.appendChild(notice('error', 'This view failed: ' + e));
  }
}

function keysDialog() {
  const dlg = document.getElementById('keys-dialog');
  const serving = document.getElementById('key-serving');
  const admin = document.getElementById('key-admin');
  document.getElementById('keys-button').addEventListener('click', () => {
    serving.value = config.keys.serving;
    admin.value = config.keys.admin;
    dlg.showModal();
  });
  dlg.addEventListener('close', () => {
    if (dlg.returnValue === 'save') { saveKeys(serving.value, admin.value); route(); }
  });
}

async function start() {
  await loadConfig();
  keysDialog();
  window.addEventListener('hashchange', route);
  if (!location.hash) history.replaceState(null, '', '#/search');
  await route();
  document.body.dataset.ready = 'true';
}

start().catch((e) => {
  document.getElementById('main').appendChild(h('p', { class: 'notice error', text: 'The console failed to start: ' + e }));
});
