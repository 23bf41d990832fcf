// Shopper view: what the engine believes about a shopper (affinities as bar charts, recent items,
// channels, session) and every recommendation scenario's list for them.
import { api, config } from './api.js';
import { h, replace, notice, fmt, entries, pick } from './dom.js';
import { barChart } from './charts.js';
import { currentShopper, shopperPicker, resultList, userIdOf, setShopper } from './widgets.js';

export const SCENARIOS = ['for-you', 'buy-again', 'trending', 'new-arrivals', 'similar', 'bought-together', 'shops', 'promotions'];

export async function shopperView(main, arg) {
  let shopper = arg || currentShopper();
  if (arg) setShopper(arg);
  const body = h('div', { class: 'shopper-body' });
  replace(main, h('h1', { text: 'Shopper' }),
    shopperPicker(shopper, (id) => { location.hash = '#/shopper/' + encodeURIComponent(id); }, '-shopper'),
    body);
  const user = userIdOf(shopper);
  const offered = config.shoppers.find((x) => x.id === shopper);
  if (offered && offered.tastes) {
    body.appendChild(h('p', { class: 'hint', text: 'Hidden tastes the demo generator gave this shopper: ' + offered.tastes }));
  }
  const profileBox = h('section', { class: 'profile', attrs: { 'aria-label': 'Profile' } }, notice('info', 'Loading the profile…'));
  const scenarioBox = h('section', { class: 'scenarios', attrs: { 'aria-labelledby': 'h-scen' } });
  body.append(profileBox, h('h2', { id: 'h-scen', text: 'What each scenario shows this shopper' }), scenarioBox);

  let profile = null;
  try {
    profile = await api('/v1/users/' + encodeURIComponent(user) + '/profile');
    renderProfile(profileBox, profile);
  } catch (e) {
    replace(profileBox, notice(e.status === 404 ? 'info' : 'error', e.status === 404
      ? `No profile for ${user} yet: search and click as this shopper to build one.` : 'Profile failed: ' + e));
  }
  const recent = profile ? (pick(profile, 'recent_items', 'recentItems') || []) : [];
  const anchor = recent.length ? recent[0].id : null;
  const cards = SCENARIOS.map((sc) => {
    const box = h('div', { class: 'scenario-list', dataset: { scenario: sc } }, notice('info', 'Loading…'));
    scenarioBox.appendChild(h('article', { class: 'scenario card' }, h('h3', { text: sc }),
      (sc === 'similar' || sc === 'bought-together') && anchor
        ? h('p', { class: 'meta', text: 'for the most recent item: ' + (recent[0].title || anchor) }) : null,
      box));
    return [sc, box];
  });
  await Promise.all(cards.map(async ([sc, box]) => {
    const needsItem = sc === 'similar' || sc === 'bought-together';
    if (needsItem && !anchor) { replace(box, h('p', { class: 'empty', text: 'Needs an item the shopper acted on.' })); return; }
    try {
      const r = await api('/v1/recommendations/' + sc, { query: { user, n: 6, explain: true, item: needsItem ? anchor : null } });
      replace(box, resultList(r.results, { empty: 'Nothing to show.' }));
    } catch (e) {
      replace(box, notice('error', String(e)));
    }
  }));
  return null;
}

function renderProfile(box, p) {
  const cats = entries(pick(p, 'top_categories', 'topCategories') || p.categories).slice(0, 10);
  const brands = entries(p.brands).slice(0, 10);
  const shops = entries(p.shops).slice(0, 10);
  const bands = entries(pick(p, 'price_bands', 'priceBands')).slice(0, 6);
  const channels = entries(p.channels);
  const counts = entries(pick(p, 'event_counts', 'eventCounts'));
  const recent = pick(p, 'recent_items', 'recentItems') || [];
  const session = p.session;
  const queries = pick(p, 'recent_queries', 'recentQueries') || [];
  const aliases = p.aliases || [];
  const known = pick(p, 'known_to_model', 'knownToModel');
  const chart = (title, rows, fmtv) => h('figure', { class: 'card affinity' }, h('figcaption', { text: title }),
    barChart(rows, { label: title, format: fmtv || ((v) => Number(v).toFixed(2)), empty: 'none yet' }));
  replace(box,
    h('dl', { class: 'facts' },
      h('dt', { text: 'Shopper' }), h('dd', { text: p.user }),
      h('dt', { text: 'In the current model' }), h('dd', { text: known ? 'yes' : 'no (served by live fold-in)' }),
      h('dt', { text: 'First seen' }), h('dd', { text: fmt.time(pick(p, 'first_seen', 'firstSeen')) }),
      h('dt', { text: 'Last seen' }), h('dd', { text: fmt.time(pick(p, 'last_seen', 'lastSeen')) }),
      aliases.length ? [h('dt', { text: 'Linked identities' }),
        h('dd', { text: aliases.map((a) => `${a.alias} (${a.channel})`).join(', ') })] : null),
    h('div', { class: 'grid' },
      chart('Category affinity', cats),
      chart('Brand affinity', brands),
      chart('Shop affinity', shops),
      chart('Price band affinity', bands),
      chart('Channels', channels, (v) => fmt.num(v)),
      chart('Events by type', counts, (v) => fmt.num(v))),
    h('div', { class: 'grid' },
      h('div', { class: 'card' }, h('h3', { text: 'Recent items' }),
        recent.length ? h('ol', { class: 'recent', attrs: { 'data-testid': 'profile-recent' } }, recent.slice(0, 12).map((it) => h('li', {},
          h('a', { href: '#/item/' + encodeURIComponent(it.id), text: it.title || it.id }),
          it.category ? h('span', { class: 'meta', text: ' · ' + String(it.category).replaceAll('>', ' › ') }) : null)))
          : h('p', { class: 'empty', text: 'none' })),
      h('div', { class: 'card' }, h('h3', { text: 'Current session' }),
        session ? h('p', { text: `${session.id || ''}: ${(session.items || []).length} items, since ${fmt.time(session.start)}` })
          : h('p', { class: 'empty', text: 'no session' }),
        h('h3', { text: 'Recent queries' }),
        queries.length ? h('ul', { class: 'chips' }, queries.slice(0, 10).map((q) => h('li', {},
          h('a', { class: 'chip', href: '#/search?q=' + encodeURIComponent(q), text: q })))) : h('p', { class: 'empty', text: 'none' }))));
}
