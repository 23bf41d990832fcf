// Search as a shopper: personalized results next to the non-personalized ones, with explanations and
// facets. Clicking a result sends a click event and shows how the shopper's next results changed.
import { api, config, sendEvents } from './api.js';
import { h, replace, notice, fmt, entries } from './dom.js';
import { currentShopper, shopperPicker, resultList, userIdOf, ANONYMOUS } from './widgets.js';

const FILTERS = ['category', 'brand', 'shop', 'min_price', 'max_price', 'in_stock'];
const FACET_PARAM = { category: 'category', categories: 'category', brand: 'brand', brands: 'brand', shop: 'shop', shops: 'shop',
  in_stock: 'in_stock' };

export async function searchView(main, _arg, params) {
  const state = {
    shopper: currentShopper(),
    q: params.get('q') || '',
    n: Number(params.get('n')) || 10,
    filters: Object.fromEntries(FILTERS.filter((f) => params.get(f)).map((f) => [f, params.get(f)])),
    last: null,      // the last personalized response
    seq: 0,
  };

  const input = h('input', { id: 'search-q', type: 'search', value: state.q, placeholder: 'running shoes, 跑步鞋, coffee…',
    attrs: { 'aria-label': 'Search query', autocomplete: 'off', list: 'example-queries', maxlength: 256, 'data-testid': 'search-input' } });
  const examples = h('datalist', { id: 'example-queries' }, config.queries.map((q) => h('option', { value: q })));
  const form = h('form', { class: 'search-form', attrs: { role: 'search' }, on: { submit: (e) => { e.preventDefault(); state.q = input.value.trim(); syncHash(); run(); } } },
    shopperPicker(state.shopper, (id) => { state.shopper = id; if (state.q) run(); }),
    h('div', { class: 'query-row' }, input, examples,
      h('button', { type: 'submit', id: 'search-go', text: 'Search' })));
  const chips = h('div', { class: 'chips', attrs: { 'aria-label': 'Example queries' } },
    config.queries.slice(0, 10).map((q) => h('button', { type: 'button', class: 'chip', text: q,
      on: { click: () => { input.value = q; state.q = q; state.filters = {}; syncHash(); run(); } } })));

  // filters start folded on a phone, where they would push the results below the fold
  const facetsBox = h('details', { class: 'facets', open: window.matchMedia('(min-width: 901px)').matches,
    attrs: { 'aria-label': 'Filters' } });
  const status = h('div', { class: 'status', attrs: { 'aria-live': 'polite' } });
  const colPersonal = h('section', { class: 'column', attrs: { 'aria-labelledby': 'h-personal' } });
  const colPlain = h('section', { class: 'column', attrs: { 'aria-labelledby': 'h-plain' } });
  const changes = h('section', { class: 'changes', id: 'changes', attrs: { 'aria-live': 'polite' } });

  replace(main,
    h('h1', { text: 'Search as a shopper' }),
    form, chips, status,
    h('div', { class: 'search-layout' }, facetsBox, h('div', { class: 'columns' }, colPersonal, colPlain)),
    changes);

  function syncHash() {
    const p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    for (const [k, v] of Object.entries(state.filters)) if (v !== '' && v !== null && v !== undefined) p.set(k, v);
    const next = '#/search' + (p.toString() ? '?' + p : '');
    if (location.hash !== next) history.replaceState(null, '', next);
  }

  function request(personalize) {
    return api('/v1/search', { query: { q: state.q, user: userIdOf(state.shopper), n: state.n, explain: true,
      personalize, ...state.filters } });
  }

  /**
   * Runs both searches; returns the personalized response. The main element's data-searches counts
   * finished runs and data-busy tells whether one is in flight (tests and scripts wait on them).
   */
  async function run(afterClick) {
    if (!state.q) return null;
    state.inFlight = (state.inFlight || 0) + 1;
    main.dataset.busy = 'true';
    try {
      return await runOnce(afterClick);
    } finally {
      state.inFlight--;
      main.dataset.searches = String(Number(main.dataset.searches || 0) + 1);
      if (!state.inFlight) main.dataset.busy = 'false';
    }
  }

  async function runOnce(afterClick) {
    const seq = ++state.seq;
    const before = state.last;
    replace(status, notice('info', 'Searching…'));
    let mine, plain;
    try {
      [mine, plain] = await Promise.all([request(true), request(false)]);
    } catch (e) {
      replace(status, notice('error', 'Search failed: ' + e));
      return null;
    }
    if (seq !== state.seq) return null; // a newer search started meanwhile
    state.last = mine;
    const who = state.shopper === ANONYMOUS ? 'the anonymous visitor' : state.shopper;
    replace(status, h('p', { class: 'notice ok', text: `${mine.results.length} results for “${state.q}” as ${who}`
      + (mine.variant && mine.variant !== 'default' ? ` (variant ${mine.variant})` : '') }));
    const plainRank = new Map(plain.results.map((r, i) => [r.id, i]));
    replace(colPersonal,
      h('h2', { id: 'h-personal', text: state.shopper === ANONYMOUS ? 'Personalized (anonymous visitor)' : 'Personalized for ' + state.shopper }),
      resultList(mine.results, { id: 'results-personalized', onOpen: (r) => click(r), actions: actionsFor,
        delta: (r, i) => rankDelta(plainRank.get(r.id), i, 'vs. not personalized') }));
    replace(colPlain,
      h('h2', { id: 'h-plain', text: 'Not personalized' }),
      resultList(plain.results, { id: 'results-plain', onOpen: (r) => click(r), actions: actionsFor }));
    renderFacets(mine.facets || plain.facets);
    // the shopper saw the personalized list: log it as the client of a real shop would
    sendEvents(userIdOf(state.shopper), [{ type: 'impression', query: state.q, items: mine.results.map((r) => r.id),
      request_id: mine.request_id }]).catch((e) => console.warn('impression not logged', e));
    if (afterClick) await showChanges(before, mine, afterClick);
    return mine;
  }

  function actionsFor(r) {
    return [
      h('button', { type: 'button', class: 'small secondary', text: 'Add to cart', on: { click: () => act(r, 'add_to_cart') } }),
      h('button', { type: 'button', class: 'small secondary', text: 'Buy', on: { click: () => act(r, 'purchase') } }),
      h('a', { class: 'small', href: '#/item/' + encodeURIComponent(r.id), text: 'Item view' }),
    ];
  }

  async function click(r) { return act(r, 'click'); }

  async function act(r, type) {
    const user = userIdOf(state.shopper);
    const ev = { type, item: r.id, query: state.q, request_id: state.last ? state.last.request_id : undefined };
    if (type === 'purchase') ev.value = 1;
    try {
      await sendEvents(user, [ev]);
    } catch (e) {
      replace(changes, notice('error', `The ${type} event was refused: ${e}`));
      return;
    }
    await run({ type, item: r });
  }

  async function showChanges(before, after, what) {
    const oldRank = new Map((before ? before.results : []).map((r, i) => [r.id, i]));
    const moves = after.results.map((r, i) => ({ r, i, was: oldRank.get(r.id) }))
      .filter((m) => m.was === undefined || m.was !== m.i);
    const verb = what.type === 'click' ? 'clicked' : what.type === 'purchase' ? 'bought' : 'added to cart';
    const head = h('h2', { text: `After the shopper ${verb} “${what.item.title || what.item.id}”` });
    const list = moves.length
      ? h('ol', { class: 'moves', attrs: { 'data-testid': 'moves' } }, moves.map((m) => {
        const d = rankDelta(m.was, m.i, 'vs. before the ' + what.type);
        return h('li', {}, h('span', { class: 'delta ' + d.kind, text: d.text }), ' ',
          h('a', { href: '#/item/' + encodeURIComponent(m.r.id), text: m.r.title || m.r.id }), ` now #${m.i + 1}`);
      }))
      : h('p', { text: 'The order of the personalized results did not change.' });
    replace(changes, head, list);
    try {
      const p = await api('/v1/users/' + encodeURIComponent(userIdOf(state.shopper)) + '/profile');
      const recent = (p.recent_items || p.recentItems || []).slice(0, 6);
      changes.appendChild(h('h3', { text: 'The shopper’s recent items now' }));
      changes.appendChild(h('ol', { class: 'recent', attrs: { 'data-testid': 'recent-items' } }, recent.map((it) =>
        h('li', {}, h('a', { href: '#/item/' + encodeURIComponent(it.id), text: it.title || it.id })))));
      changes.appendChild(h('p', {}, h('a', { href: '#/shopper/' + encodeURIComponent(userIdOf(state.shopper)), text: 'Open the shopper view' })));
    } catch (e) {
      changes.appendChild(notice('info', 'Profile not available: ' + e));
    }
  }

  function renderFacets(facets) {
    const groups = Object.entries(facets || {});
    const active = Object.entries(state.filters);
    const price = h('form', { class: 'price-filter', on: { submit: (e) => {
      e.preventDefault();
      setFilter('min_price', minIn.value.trim());
      setFilter('max_price', maxIn.value.trim());
    } } });
    const minIn = h('input', { type: 'number', min: 0, step: 'any', value: state.filters.min_price || '', attrs: { 'aria-label': 'Minimum price', placeholder: 'min' } });
    const maxIn = h('input', { type: 'number', min: 0, step: 'any', value: state.filters.max_price || '', attrs: { 'aria-label': 'Maximum price', placeholder: 'max' } });
    price.append(minIn, maxIn, h('button', { type: 'submit', class: 'small', text: 'Apply' }));
    const stock = h('input', { type: 'checkbox', id: 'in-stock', checked: state.filters.in_stock === 'true',
      on: { change: () => setFilter('in_stock', stock.checked ? 'true' : '') } });
    replace(facetsBox,
      h('summary', {}, h('h2', { text: 'Filters' })),
      active.length ? h('div', { class: 'active-filters' },
        active.map(([k, v]) => h('button', { type: 'button', class: 'chip active', text: `${k}: ${v} ✕`,
          attrs: { 'aria-label': `Remove filter ${k} ${v}` }, on: { click: () => setFilter(k, '') } })),
        h('button', { type: 'button', class: 'small secondary', text: 'Clear all', on: { click: () => { state.filters = {}; syncHash(); run(); } } }))
        : null,
      h('h3', { text: 'Price' }), price,
      h('div', { class: 'check' }, stock, h('label', { attrs: { for: 'in-stock' }, text: 'In stock only' })),
      groups.map(([name, values]) => {
        if (name === 'price') return priceFacet(values);
        const param = FACET_PARAM[name] || (FILTERS.includes(name) ? name : null);
        const rows = entries(values).slice(0, 12);
        return h('div', { class: 'facet' },
          h('h3', { text: name.replaceAll('_', ' ') }),
          h('ul', {}, rows.map(([value, count]) => h('li', {},
            param ? h('button', { type: 'button', class: 'facet-value' + (state.filters[param] === String(value) ? ' active' : ''),
              on: { click: () => setFilter(param, state.filters[param] === String(value) ? '' : String(value)) } },
            h('span', { text: String(value).replaceAll('>', ' › ') }), h('span', { class: 'count', text: fmt.num(count) }))
              : h('span', { text: `${value} (${fmt.num(count)})` })))));
      }));
  }

  /** Price buckets such as "25-50" or "500+" set both bounds at once. */
  function priceFacet(values) {
    return h('div', { class: 'facet' }, h('h3', { text: 'price range' }),
      h('ul', {}, entries(values).map(([value, count]) => {
        const m = /^(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?)|\+)?$/.exec(String(value));
        const lo = m ? m[1] : '', hi = m && m[2] ? m[2] : '';
        const active = state.filters.min_price === lo && (state.filters.max_price || '') === hi;
        return h('li', {}, h('button', { type: 'button', class: 'facet-value' + (active ? ' active' : ''), disabled: !m,
          on: { click: () => {
            if (active) { delete state.filters.min_price; delete state.filters.max_price; } else {
              state.filters.min_price = lo;
              if (hi) state.filters.max_price = hi; else delete state.filters.max_price;
            }
            syncHash();
            run();
          } } }, h('span', { text: fmt.price(lo).replace('.00', '') + (hi ? ' – ' + fmt.price(hi).replace('.00', '') : '+') }),
        h('span', { class: 'count', text: fmt.num(count) })));
      })));
  }

  function setFilter(k, v) {
    if (v === '' || v === null || v === undefined) delete state.filters[k]; else state.filters[k] = v;
    syncHash();
    run();
  }

  if (state.q) await run();
  else replace(colPersonal, h('p', { class: 'empty', text: 'Type a query, in English or Chinese, or pick an example.' }));
  return null;
}

/** {kind, text, title} describing a move from rank `was` (undefined = absent) to rank `now`. */
export function rankDelta(was, now, what) {
  if (was === undefined) return { kind: 'new', text: 'new', title: 'not in the other list ' + what };
  if (was === now) return { kind: 'same', text: '=', title: 'same rank ' + what };
  const d = was - now;
  return d > 0 ? { kind: 'up', text: '▲' + d, title: `${d} places higher ${what}` }
    : { kind: 'down', text: '▼' + (-d), title: `${-d} places lower ${what}` };
}
