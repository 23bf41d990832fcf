// Talks to the ShopSense HTTP API (DESIGN.md section 4). Keys travel in X-Api-Key: the serving key for
// reads and events, the admin key for training and catalog writes. The demo hands them to the console
// through /console-config.json (only to loopback clients); otherwise the user pastes them in the Keys
// dialog and they stay in this browser's localStorage.

const KEY_STORE = 'shopsense.keys';

export const config = {
  keys: { serving: '', admin: '' },
  shoppers: [],   // [{id, tastes, language}] offered by the demo
  queries: [],    // example queries
  demo: false,
  clockOffsetMs: 0, // added to this browser's clock when stamping events (a demo store's time)
};

/** An API error with the contract's fields: status, message and the field at fault. */
export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
  toString() {
    return `${this.status}: ${this.message}${this.field ? ' (' + this.field + ')' : ''}`;
  }
}

/** Loads /console-config.json (optional) and any keys saved in this browser. */
export async function loadConfig() {
  try {
    const r = await fetch('/console-config.json', { headers: { Accept: 'application/json' } });
    if (r.ok) {
      const c = await r.json();
      config.demo = !!c.demo;
      config.shoppers = Array.isArray(c.shoppers) ? c.shoppers : [];
      config.queries = Array.isArray(c.queries) ? c.queries : [];
      config.clockOffsetMs = Number(c.clock_offset_ms) || 0;
      if (c.keys) config.keys = { serving: c.keys.serving || '', admin: c.keys.admin || '' };
    }
  } catch (e) {
    console.warn('no console config', e);
  }
  const saved = JSON.parse(localStorage.getItem(KEY_STORE) || 'null');
  if (saved && (saved.serving || saved.admin)) config.keys = { serving: saved.serving || '', admin: saved.admin || '' };
}

/** Saves keys typed by the user (empty strings clear them). */
export function saveKeys(serving, admin) {
  config.keys = { serving: serving.trim(), admin: admin.trim() };
  if (config.keys.serving || config.keys.admin) localStorage.setItem(KEY_STORE, JSON.stringify(config.keys));
  else localStorage.removeItem(KEY_STORE);
}

/**
 * Calls the API. path is absolute ('/v1/search'); query is an object (null/'' values dropped);
 * admin=true sends the admin key. Returns the parsed JSON body (null for an empty body).
 */
export async function api(path, { method = 'GET', query = null, body = undefined, admin = false, signal } = {}) {
  let url = path;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
    const qs = q.toString();
    if (qs) url += '?' + qs;
  }
  const headers = { Accept: 'application/json' };
  const key = admin ? (config.keys.admin || config.keys.serving) : (config.keys.serving || config.keys.admin);
  if (key) headers['X-Api-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const text = await r.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = { raw: text }; }
  }
  if (!r.ok) {
    const err = data && data.error ? data.error : {};
    throw new ApiError(r.status, err.message || r.statusText || 'request failed', err.field);
  }
  return data;
}

/** A unique id (event ids de-duplicate retries). */
export function newId(prefix) {
  const rnd = (window.crypto && crypto.randomUUID) ? crypto.randomUUID()
    : Date.now().toString(36) + Math.random().toString(36).slice(2);
  return prefix ? prefix + '-' + rnd : rnd;
}

/** The browsing session of this tab, per shopper: events of one visit share it. */
export function sessionFor(user) {
  const k = 'shopsense.session.' + user;
  let v = sessionStorage.getItem(k);
  if (!v) { v = newId('console'); sessionStorage.setItem(k, v); }
  return v;
}

/** The anonymous visitor of this browser: a stable id, so clicks build a session for it. */
export function anonymousId() {
  let v = localStorage.getItem('shopsense.anonymous');
  if (!v) { v = newId('anon').slice(0, 24); localStorage.setItem('shopsense.anonymous', v); }
  return v;
}

/**
 * Posts events (one or many) as the shopper's web channel; fills id, time (in the store's time, see
 * clockOffsetMs), session and channel.
 */
export async function sendEvents(user, events) {
  const now = new Date(Date.now() + config.clockOffsetMs).toISOString();
  const list = events.map((e) => ({
    id: newId('ev'), user, time: now, session: sessionFor(user), channel: 'web', ...e,
  }));
  return api('/v1/events', { method: 'POST', body: list });
}
