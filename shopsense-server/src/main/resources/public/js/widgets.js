// Pieces several views share: the shopper picker and the list of results with explanations.
import { config, anonymousId } from './api.js';
import { h, fmt, thumb, pick } from './dom.js';

const SHOPPER_KEY = 'shopsense.shopper';
export const ANONYMOUS = '(anonymous)';

/** Items seen in any response, so other views can show an id's title. */
export const seenItems = new Map();

export function remember(results) {
  for (const r of results || []) if (r && r.id && !seenItems.has(r.id)) seenItems.set(r.id, r);
}

/** The shopper the console acts as: a saved choice, else the first offered shopper, else anonymous. */
export function currentShopper() {
  return localStorage.getItem(SHOPPER_KEY) || (config.shoppers[0] && config.shoppers[0].id) || ANONYMOUS;
}

export function setShopper(id) {
  localStorage.setItem(SHOPPER_KEY, id || ANONYMOUS);
}

/** The user id to send for the chosen shopper (the browser's anonymous visitor id for anonymous). */
export function userIdOf(shopper) {
  return !shopper || shopper === ANONYMOUS ? anonymousId() : shopper;
}

/**
 * A shopper picker: a select of the offered shoppers plus anonymous, and a text box for any other id.
 * onChange(id) is called with the chosen shopper id (or ANONYMOUS).
 */
export function shopperPicker(value, onChange, idSuffix = '') {
  const selectId = 'shopper-select' + idSuffix;
  const select = h('select', { id: selectId, attrs: { 'data-testid': 'shopper-select' } },
    h('option', { value: ANONYMOUS, text: 'Anonymous visitor' }),
    config.shoppers.map((sh) => h('option', { value: sh.id, text: `${sh.id} — ${sh.tastes || ''}`.trim() })));
  const other = h('input', { id: selectId + '-other', type: 'text', placeholder: 'or type a shopper id',
    attrs: { 'aria-label': 'Other shopper id', autocomplete: 'off', spellcheck: 'false', size: 14 } });
  const known = [ANONYMOUS, ...config.shoppers.map((x) => x.id)];
  if (known.includes(value)) select.value = value; else { select.value = ANONYMOUS; other.value = value === ANONYMOUS ? '' : value; }
  select.addEventListener('change', () => { other.value = ''; setShopper(select.value); onChange(select.value); });
  other.addEventListener('change', () => {
    const v = other.value.trim();
    if (!v) return;
    setShopper(v);
    onChange(v);
  });
  return h('div', { class: 'shopper-picker' },
    h('label', { attrs: { for: selectId } }, 'Shopper'), select, other);
}

/**
 * An ordered list of results. opts: {id, onOpen(result, index) for the main button, actions(result)
 * -> extra nodes, delta(result, index) -> rank change text or null, explain: show source and reason,
 * empty: text when no results}.
 */
export function resultList(results, opts = {}) {
  remember(results);
  if (!results || !results.length) return h('p', { class: 'empty', text: opts.empty || 'No results.' });
  return h('ol', { class: 'results', id: opts.id || null, attrs: { 'data-testid': opts.id || null } },
    results.map((r, i) => resultCard(r, i, opts)));
}

function resultCard(r, i, opts) {
  const title = r.title || r.id;
  const delta = opts.delta ? opts.delta(r, i) : null;
  const main = opts.onOpen
    ? h('button', { type: 'button', class: 'result-title link', text: title, title: 'Click: sends a click event',
      on: { click: () => opts.onOpen(r, i) } })
    : h('a', { class: 'result-title', href: '#/item/' + encodeURIComponent(r.id), text: title });
  const meta = [r.brand, r.shop ? 'shop ' + r.shop : null, r.category ? String(r.category).replaceAll('>', ' › ') : null]
    .filter(Boolean).join(' · ');
  const source = pick(r, 'source');
  const reason = pick(r, 'reason');
  return h('li', { class: 'result', dataset: { id: r.id } },
    thumb(r.category, r.category),
    h('div', { class: 'result-body' },
      h('div', { class: 'result-head' }, main,
        r.price !== undefined && r.price !== null ? h('span', { class: 'price', text: fmt.price(r.price) }) : null),
      meta ? h('div', { class: 'meta', text: meta }) : null,
      h('div', { class: 'explain' },
        h('span', { class: 'score', text: 'score ' + fmt.score(r.score) }),
        source ? h('span', { class: 'source', text: source }) : null,
        reason ? h('span', { class: 'reason', text: reason }) : null,
        delta ? h('span', { class: 'delta ' + delta.kind, text: delta.text, title: delta.title }) : null),
      opts.actions ? h('div', { class: 'result-actions' }, opts.actions(r, i)) : null));
}
