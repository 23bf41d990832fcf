// DOM helpers. Every piece of text from the API (titles, shop names, queries, reasons) goes into the
// page through text nodes (textContent / createTextNode), never through innerHTML: catalog text is
// data, and an item titled "<script>..." must show as those characters.

/**
 * Creates an element. props: {class, text, title, href, on: {event: fn}, attrs: {name: value},
 * dataset: {key: value}, hidden, disabled, value, type, checked}. Children: nodes, strings (as text),
 * arrays (flattened), null/undefined/false (skipped).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  applyProps(el, props || {});
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes; children as for h(). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function applyProps(el, p) {
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === null) continue;
    switch (k) {
      case 'class': el.className = v; break;
      case 'text': el.textContent = String(v); break;
      case 'on': for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn); break;
      case 'attrs': for (const [a, av] of Object.entries(v)) if (av !== undefined && av !== null) el.setAttribute(a, String(av)); break;
      case 'dataset': for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv); break;
      case 'href': el.setAttribute('href', safeHref(v)); break;
      case 'hidden': case 'disabled': case 'checked': case 'selected': case 'multiple': el[k] = !!v; break;
      default: el[k] = v;
    }
  }
}

/** Only in-page and same-origin relative links: a href never carries a javascript: URL. */
function safeHref(v) {
  const t = String(v);
  return t.startsWith('#') || t.startsWith('/') || t.startsWith('./') ? t : '#';
}

/** Appends children (see h). */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Removes every child, then appends the new ones. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Number formatting helpers. */
export const fmt = {
  price: (p) => (p === null || p === undefined) ? '' : '¥' + Number(p).toFixed(2),
  score: (x) => (x === null || x === undefined || Number.isNaN(x)) ? '–' : Number(x).toFixed(3),
  pct: (x, d = 1) => (x === null || x === undefined || Number.isNaN(x)) ? '–' : (100 * x).toFixed(d) + '%',
  num: (x) => (x === null || x === undefined) ? '–' : Number(x).toLocaleString('en-US'),
  metric: (x) => (x === null || x === undefined || Number.isNaN(Number(x))) ? '–' : Number(x).toFixed(4),
  time: (ms) => ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '–',
  secs: (s) => (s === null || s === undefined) ? '–' : Number(s).toFixed(1) + ' s',
};

/** A status/notice line: kind is 'info', 'error' or 'ok'. */
export function notice(kind, text) {
  return h('p', { class: 'notice ' + kind, text, attrs: { role: kind === 'error' ? 'alert' : 'status' } });
}

/** A small deterministic colour for a string (category, shop): the thumbnail placeholder. */
export function hue(str) {
  let x = 0;
  for (const ch of String(str || '')) x = (x * 31 + ch.codePointAt(0)) >>> 0;
  return x % 360;
}

/** A thumbnail placeholder: a tinted square with the category's initial (text node, no markup). */
export function thumb(category, title) {
  const top = String(category || '').split('>')[0] || '?';
  const el = h('span', { class: 'thumb', attrs: { 'aria-hidden': 'true' } }, top.slice(0, 1).toUpperCase());
  el.style.backgroundColor = `hsl(${hue(top)} 55% 45%)`;
  el.title = title ? String(title) : top;
  return el;
}

/** Value of the first present key: the API writes snake_case, but tolerate camelCase too. */
export function pick(obj, ...keys) {
  if (!obj) return undefined;
  for (const k of keys) if (obj[k] !== undefined && obj[k] !== null) return obj[k];
  return undefined;
}

/** A map-like value ({k: v} or [{value, count}] or [[k, v]]) as [[k, v], ...]. */
export function entries(m) {
  if (!m) return [];
  if (Array.isArray(m)) {
    return m.map((e) => Array.isArray(e) ? e : [pick(e, 'value', 'key', 'name', 'id'), Number(pick(e, 'count', 'weight', 'score', 'affinity') ?? 0)]);
  }
  return Object.entries(m).map(([k, v]) => [k, typeof v === 'object' && v !== null ? Number(pick(v, 'value', 'score', 'weight') ?? 0) : Number(v)]);
}
