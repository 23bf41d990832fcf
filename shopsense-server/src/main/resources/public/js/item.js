// Item view: similar items and items bought together, with scores and where each came from.
import { api } from './api.js';
import { h, replace, notice, fmt, thumb } from './dom.js';
import { currentShopper, resultList, userIdOf, seenItems } from './widgets.js';

export async function itemView(main, arg) {
  const input = h('input', { id: 'item-id', type: 'text', value: arg || '', placeholder: 'item id, e.g. i00042',
    attrs: { 'aria-label': 'Item id', autocomplete: 'off', spellcheck: 'false' } });
  const form = h('form', { class: 'inline-form', on: { submit: (e) => {
    e.preventDefault();
    if (input.value.trim()) location.hash = '#/item/' + encodeURIComponent(input.value.trim());
  } } }, h('label', { attrs: { for: 'item-id' }, text: 'Item' }), input, h('button', { type: 'submit', text: 'Show' }));
  const body = h('div', { class: 'item-body' });
  replace(main, h('h1', { text: 'Item' }), form, body);
  if (!arg) {
    body.appendChild(h('p', { class: 'empty', text: 'Pick an item from a search result, or type its id.' }));
    return null;
  }
  let known = seenItems.get(arg);
  try {
    known = await api('/v1/console/items/' + encodeURIComponent(arg));
  } catch (e) {
    if (e.status === 404) body.appendChild(notice('info', `The catalog holds no item ${arg}.`));
  }
  const attrs = known && known.attributes ? Object.entries(known.attributes) : [];
  body.appendChild(h('div', { class: 'item-head card', attrs: { 'data-testid': 'item-head' } },
    thumb(known && known.category, known && known.category),
    h('div', {}, h('h2', { text: known && known.title ? known.title : arg }),
      known ? h('p', { class: 'meta', text: [fmt.price(known.price), known.brand, known.shop ? 'shop ' + known.shop : null,
        known.category ? String(known.category).replaceAll('>', ' › ') : null,
        known.in_stock === false ? 'out of stock' : null].filter(Boolean).join(' · ') }) : null,
      known && known.description ? h('p', { text: known.description }) : null,
      attrs.length ? h('p', { class: 'meta', text: attrs.map(([k, v]) => `${k}: ${v}`).join(' · ') }) : null,
      h('p', { class: 'meta', text: 'id ' + arg }))));
  const user = userIdOf(currentShopper());
  const grid = h('div', { class: 'grid two' });
  body.appendChild(grid);
  const lists = [['similar', 'Similar items'], ['bought-together', 'Bought together']].map(([sc, title]) => {
    const box = h('div', { class: 'scenario-list', dataset: { scenario: sc } }, notice('info', 'Loading…'));
    grid.appendChild(h('section', { class: 'card' }, h('h2', { text: title }), box));
    return [sc, box];
  });
  await Promise.all(lists.map(async ([sc, box]) => {
    try {
      const r = await api('/v1/recommendations/' + sc, { query: { item: arg, user, n: 10, explain: true } });
      replace(box, resultList(r.results, { empty: 'Nothing found for this item.' }));
    } catch (e) {
      replace(box, notice(e.status === 404 ? 'info' : 'error', String(e)));
    }
  }));
  return null;
}
