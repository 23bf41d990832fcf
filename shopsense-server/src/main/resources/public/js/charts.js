// Charts in plain SVG, written here rather than vendored: the console needs four simple kinds (bars,
// lines over time, estimates with confidence intervals, grouped bars), and a few hundred lines keep it
// free of third-party code. Labels are SVG text nodes (textContent), so catalog text cannot inject markup.
import { h, s } from './dom.js';

export const PALETTE = ['#2f6fde', '#e0672b', '#2a9d5c', '#b8409b', '#c9a227', '#1aa3b5', '#7a5cd6', '#d2424b', '#6b7b8c', '#8a6d3b'];

/** Round tick values covering [lo, hi] (about n of them). */
export function ticks(lo, hi, n = 5) {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / n;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((x) => x >= raw) || raw;
  const out = [];
  const top = Math.ceil(hi / step - 1e-9) * step; // the first tick at or above hi, so the axis covers every value
  for (let v = Math.ceil(lo / step) * step; v <= top + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

function svgRoot(width, height, label) {
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': label,
    preserveAspectRatio: 'xMinYMin meet', class: 'chart' }, s('title', {}, label));
  svg.style.maxWidth = width + 'px'; // shrink on phones, never blow the text up on wide screens
  return svg;
}

function emptyChart(label, message) {
  const svg = svgRoot(320, 60, label);
  svg.classList.add('empty');
  svg.appendChild(s('text', { x: 10, y: 34, class: 'empty-text' }, message || 'no data yet'));
  return svg;
}

function truncate(t, max) {
  const str = String(t ?? '');
  return str.length > max ? str.slice(0, max - 1) + '…' : str;
}

/**
 * Horizontal bars. rows: [[label, value], ...]; opts: {label, format(v), max, width, labelWidth,
 * color, onClick(label)}. Returns an <svg>.
 */
export function barChart(rows, opts = {}) {
  const label = opts.label || 'bar chart';
  rows = rows.filter((r) => Number.isFinite(Number(r[1])));
  if (!rows.length) return emptyChart(label, opts.empty);
  const width = opts.width || 320, lw = opts.labelWidth || 110, row = 22, vw = 48;
  const height = rows.length * row + 6;
  const max = opts.max || Math.max(...rows.map((r) => Math.abs(Number(r[1])))) || 1;
  const fmt = opts.format || ((v) => Number(v).toFixed(2));
  const svg = svgRoot(width, height, label);
  rows.forEach(([name, value], i) => {
    const y = 3 + i * row;
    const w = Math.max(1, (width - lw - vw - 8) * Math.abs(Number(value)) / max);
    const g = s('g', { class: 'bar-row' });
    g.appendChild(s('title', {}, `${name}: ${fmt(value)}`));
    g.appendChild(s('text', { x: lw - 6, y: y + 15, 'text-anchor': 'end', class: 'label' }, truncate(name, 17)));
    g.appendChild(s('rect', { x: lw, y: y + 3, width: w.toFixed(1), height: row - 8, rx: 2,
      fill: opts.color || PALETTE[0], class: 'bar' }));
    g.appendChild(s('text', { x: lw + w + 4, y: y + 15, class: 'value' }, fmt(value)));
    if (opts.onClick) {
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.classList.add('clickable');
      g.addEventListener('click', () => opts.onClick(name));
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); opts.onClick(name); } });
    }
    svg.appendChild(g);
  });
  return svg;
}

function timeLabel(ms, spanMs) {
  const d = new Date(ms);
  const iso = d.toISOString();
  if (spanMs <= 2 * 86400000) return iso.slice(11, 16);
  return iso.slice(5, 10);
}

/**
 * Lines. series: [{name, points: [[x, y], ...], color?, dashed?}], with x in epoch ms when
 * opts.time (default true) or plain numbers. opts: {label, yFormat, xFormat, xTicks, yMin, yMax, width, height,
 * bands: [{name, points: [[x, lo, hi]], color}]}. Returns a <figure> with the svg and an HTML legend.
 */
export function lineChart(series, opts = {}) {
  const label = opts.label || 'line chart';
  const all = series.flatMap((sr) => sr.points.filter((p) => Number.isFinite(p[1])));
  const bandPts = (opts.bands || []).flatMap((b) => b.points);
  if (!all.length) return figure(emptyChart(label, opts.empty), [], opts.caption);
  const width = opts.width || 640, height = opts.height || 220;
  const m = { l: 52, r: 12, t: 10, b: 26 };
  const xs = all.map((p) => p[0]).concat(bandPts.map((p) => p[0]));
  let x0 = Math.min(...xs), x1 = Math.max(...xs);
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  const ys = all.map((p) => p[1]).concat(bandPts.flatMap((p) => [p[1], p[2]]));
  let y0 = opts.yMin ?? Math.min(0, ...ys), y1 = opts.yMax ?? Math.max(...ys);
  if (!(y1 > y0)) y1 = y0 + 1;
  const yt = ticks(y0, y1, 4);
  y1 = Math.max(y1, yt[yt.length - 1]);
  const X = (x) => m.l + (width - m.l - m.r) * (x - x0) / (x1 - x0);
  const Y = (y) => height - m.b - (height - m.t - m.b) * (y - y0) / (y1 - y0);
  const yFmt = opts.yFormat || ((v) => String(v));
  const time = opts.time !== false;
  const xFmt = opts.xFormat || (time ? (v) => timeLabel(v, x1 - x0) : (v) => String(v));
  const svg = svgRoot(width, height, label);
  const axes = s('g', { class: 'axes' });
  for (const t of yt) {
    axes.appendChild(s('line', { x1: m.l, x2: width - m.r, y1: Y(t), y2: Y(t), class: 'grid' }));
    axes.appendChild(s('text', { x: m.l - 6, y: Y(t) + 4, 'text-anchor': 'end', class: 'tick' }, yFmt(t)));
  }
  const xt = opts.xTicks || (time ? timeTicks(x0, x1, 6) : ticks(x0, x1, 6));
  for (const t of xt) {
    axes.appendChild(s('text', { x: X(t), y: height - 8, 'text-anchor': 'middle', class: 'tick' }, xFmt(t)));
  }
  axes.appendChild(s('line', { x1: m.l, x2: width - m.r, y1: height - m.b, y2: height - m.b, class: 'axis' }));
  svg.appendChild(axes);
  (opts.bands || []).forEach((b, i) => {
    if (!b.points.length) return;
    const up = b.points.map((p) => `${X(p[0]).toFixed(1)},${Y(p[2]).toFixed(1)}`);
    const down = b.points.slice().reverse().map((p) => `${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`);
    svg.appendChild(s('polygon', { points: up.concat(down).join(' '), fill: b.color || PALETTE[i], class: 'band' },
      s('title', {}, b.name || 'interval')));
  });
  series.forEach((sr, i) => {
    const color = sr.color || PALETTE[i % PALETTE.length];
    const pts = sr.points.filter((p) => Number.isFinite(p[1]));
    if (!pts.length) return;
    const d = pts.map((p, j) => (j ? 'L' : 'M') + X(p[0]).toFixed(1) + ',' + Y(p[1]).toFixed(1)).join(' ');
    svg.appendChild(s('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, class: 'line',
      'stroke-dasharray': sr.dashed ? '5 4' : null }, s('title', {}, sr.name)));
    if (pts.length <= 40) {
      for (const p of pts) {
        svg.appendChild(s('circle', { cx: X(p[0]).toFixed(1), cy: Y(p[1]).toFixed(1), r: 2.5, fill: color },
          s('title', {}, `${sr.name} ${xFmt(p[0])}: ${yFmt(p[1])}`)));
      }
    }
  });
  return figure(svg, series.map((sr, i) => [sr.name, sr.color || PALETTE[i % PALETTE.length], sr.dashed]), opts.caption);
}

function timeTicks(x0, x1, n) {
  const span = x1 - x0;
  const steps = [60e3, 5 * 60e3, 10 * 60e3, 15 * 60e3, 30 * 60e3, 3600e3, 3 * 3600e3, 6 * 3600e3, 86400e3, 2 * 86400e3, 7 * 86400e3, 14 * 86400e3, 30 * 86400e3];
  const step = steps.find((st) => span / st <= n) || steps[steps.length - 1];
  const out = [];
  for (let t = Math.ceil(x0 / step) * step; t <= x1; t += step) out.push(t);
  return out;
}

function figure(svg, legend, caption) {
  const fig = h('figure', { class: 'chart-figure' }, svg);
  if (legend.length > 1) {
    fig.appendChild(h('ul', { class: 'legend' }, legend.map(([name, color, dashed]) => {
      const sw = h('span', { class: 'swatch' + (dashed ? ' dashed' : '') });
      sw.style.backgroundColor = color;
      return h('li', {}, sw, String(name));
    })));
  }
  if (caption) fig.appendChild(h('figcaption', { text: caption }));
  return fig;
}

/**
 * Estimates with confidence intervals, one row each: rows [{label, value, low, high}]. opts:
 * {label, format, width}. Returns an <svg>.
 */
export function intervalChart(rows, opts = {}) {
  const label = opts.label || 'confidence intervals';
  rows = rows.filter((r) => Number.isFinite(Number(r.value)));
  if (!rows.length) return emptyChart(label, opts.empty);
  const width = opts.width || 520, lw = 130, row = 28, m = 16;
  const height = rows.length * row + 24;
  const hi = Math.max(...rows.map((r) => Number(r.high ?? r.value))) || 1;
  const xt = ticks(0, hi, 4);
  const xmax = xt[xt.length - 1] || hi;
  const X = (v) => lw + (width - lw - m) * v / xmax;
  const fmt = opts.format || ((v) => Number(v).toFixed(3));
  const svg = svgRoot(width, height, label);
  for (const t of xt) {
    svg.appendChild(s('line', { x1: X(t), x2: X(t), y1: 4, y2: height - 18, class: 'grid' }));
    svg.appendChild(s('text', { x: X(t), y: height - 4, 'text-anchor': 'middle', class: 'tick' }, fmt(t)));
  }
  rows.forEach((r, i) => {
    const y = 8 + i * row + row / 2;
    const color = PALETTE[i % PALETTE.length];
    const g = s('g', { class: 'interval' }, s('title', {}, `${r.label}: ${fmt(r.value)} (95% CI ${fmt(r.low)} – ${fmt(r.high)})`));
    g.appendChild(s('text', { x: lw - 8, y: y + 4, 'text-anchor': 'end', class: 'label' }, truncate(r.label, 20)));
    g.appendChild(s('line', { x1: X(Number(r.low ?? r.value)), x2: X(Number(r.high ?? r.value)), y1: y, y2: y, stroke: color, 'stroke-width': 2 }));
    for (const v of [r.low, r.high]) {
      if (v !== undefined && v !== null) g.appendChild(s('line', { x1: X(v), x2: X(v), y1: y - 6, y2: y + 6, stroke: color, 'stroke-width': 2 }));
    }
    g.appendChild(s('circle', { cx: X(Number(r.value)), cy: y, r: 4.5, fill: color }));
    svg.appendChild(g);
  });
  return svg;
}

/**
 * Vertical grouped bars: groups (x labels) x series (bars within a group). values[g][s] is a number
 * or null. opts: {label, format}. Returns a <figure> with a legend.
 */
export function groupedBars(groups, seriesNames, values, opts = {}) {
  const label = opts.label || 'grouped bars';
  const flat = values.flat().filter((v) => Number.isFinite(v));
  if (!groups.length || !flat.length) return figure(emptyChart(label, opts.empty), [], null);
  const width = opts.width || 640, height = opts.height || 240;
  const m = { l: 48, r: 8, t: 10, b: 30 };
  const yt = ticks(0, Math.max(...flat), 4);
  const ymax = yt[yt.length - 1] || 1;
  const gw = (width - m.l - m.r) / groups.length;
  const bw = Math.max(2, (gw - 10) / Math.max(1, seriesNames.length));
  const Y = (v) => height - m.b - (height - m.t - m.b) * v / ymax;
  const fmt = opts.format || ((v) => Number(v).toFixed(3));
  const svg = svgRoot(width, height, label);
  for (const t of yt) {
    svg.appendChild(s('line', { x1: m.l, x2: width - m.r, y1: Y(t), y2: Y(t), class: 'grid' }));
    svg.appendChild(s('text', { x: m.l - 6, y: Y(t) + 4, 'text-anchor': 'end', class: 'tick' }, fmt(t)));
  }
  groups.forEach((g, gi) => {
    const gx = m.l + gi * gw + 5;
    seriesNames.forEach((sn, si) => {
      const v = values[gi][si];
      if (!Number.isFinite(v)) return;
      svg.appendChild(s('rect', { x: (gx + si * bw).toFixed(1), y: Y(v).toFixed(1), width: Math.max(1, bw - 2).toFixed(1),
        height: Math.max(0, Y(0) - Y(v)).toFixed(1), fill: PALETTE[si % PALETTE.length], class: 'bar' },
        s('title', {}, `${sn} ${g}: ${fmt(v)}`)));
    });
    svg.appendChild(s('text', { x: gx + gw / 2 - 5, y: height - 10, 'text-anchor': 'middle', class: 'tick' }, truncate(g, 14)));
  });
  return figure(svg, seriesNames.map((n, i) => [n, PALETTE[i % PALETTE.length]]), opts.caption);
}
