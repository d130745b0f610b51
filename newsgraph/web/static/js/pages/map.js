// Event locations on a world outline (Natural Earth land and borders from the world-atlas npm
// package, decoded with topojson-client, drawn as SVG: no map tiles from the internet), and a
// timeline of what happened when.

import { get, items } from '../api.js';
import { append, badge, clear, docUrl, h, hiddenNotice, notice, plural, s, section, unsure } from '../dom.js';
import { typeColor } from '../colors.js';

const W = 960;
const H = 480;
const TOP = 84; // latitudes shown: 84 N ..
const BOTTOM = -58; // .. 58 S (Antarctica left out)

export function project(lon, lat) {
  return [((Number(lon) + 180) / 360) * W, ((90 - Number(lat)) / 180) * H];
}

function ringPath(ring) {
  let d = '';
  ring.forEach(([lon, lat], i) => {
    const [x, y] = project(lon, lat);
    d += `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
  });
  return d;
}

/** An SVG path "d" for a GeoJSON (Multi)Polygon or (Multi)LineString geometry. */
export function geometryPath(geometry) {
  if (!geometry) return '';
  const { type, coordinates } = geometry;
  if (type === 'Polygon') return coordinates.map((r) => ringPath(r) + 'Z').join('');
  if (type === 'MultiPolygon') return coordinates.map((p) => p.map((r) => ringPath(r) + 'Z').join('')).join('');
  if (type === 'LineString') return ringPath(coordinates);
  if (type === 'MultiLineString') return coordinates.map(ringPath).join('');
  if (type === 'GeometryCollection') return geometry.geometries.map(geometryPath).join('');
  return '';
}

async function loadJson(url) {
  const response = await fetch(url);
  if (!response.ok) {
    let message = `${url}: ${response.status}`;
    try {
      message = (await response.json()).error.message;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
  return response.json();
}

/** The world outline: land filled, country borders stroked. */
async function worldLayer() {
  try {
    await import('/vendor/topojson-client.min.js');
  } catch {
    throw new Error('The map library (topojson-client) is not installed on the server: run `bash run setup` (npm ci) and restart newsgraph serve.');
  }
  const topojson = window.topojson;
  const [land, countries] = await Promise.all([loadJson('/vendor/land-110m.json'), loadJson('/vendor/countries-110m.json')]);
  const landGeo = topojson.feature(land, land.objects.land);
  const borders = topojson.mesh(countries, countries.objects.countries, (a, b) => a !== b);
  const features = landGeo.type === 'FeatureCollection' ? landGeo.features : [landGeo];
  return s(
    'g',
    { class: 'world' },
    s('path', { class: 'land', id: 'land', d: features.map((f) => geometryPath(f.geometry)).join('') }),
    s('path', { class: 'borders', d: geometryPath(borders) }),
  );
}

function graticule() {
  const g = s('g', { class: 'graticule' });
  for (let lon = -150; lon <= 150; lon += 30) {
    const [x] = project(lon, 0);
    append(g, s('line', { x1: x.toFixed(1), x2: x.toFixed(1), y1: 0, y2: H }));
  }
  for (let lat = -60; lat <= 80; lat += 20) {
    const [, y] = project(0, lat);
    append(g, s('line', { x1: 0, x2: W, y1: y.toFixed(1), y2: y.toFixed(1) }));
  }
  return g;
}

function eventItem(v, threshold) {
  const type = badge(v.type, 'type');
  type.style.backgroundColor = typeColor(v.type);
  type.style.color = '#fff';
  return h(
    'li',
    { class: unsure(v.confidence, threshold) ? 'event-item unsure' : 'event-item' },
    h('div', {}, type, ' ', h('strong', {}, v.trigger.text), v.modality !== 'asserted' ? [' ', badge(v.modality, v.modality)] : null),
    h('p', { class: 'sentence' }, v.sentence_text.trim()),
    h('p', { class: 'small muted' }, [v.date && v.date.value ? v.date.value : v.published, v.location ? `in ${v.location.text}` : null, v.outlet].filter(Boolean).join(' · '), ' · ', h('a', { href: docUrl(v.document) }, v.title || v.document)),
  );
}

/** Why the geocoder put the place here: its clue, the runner-up and the confidence (empty when unknown). */
function placeWhy(place) {
  if (!place.clue) return null;
  const runner = place.runner_up ? `; runner-up: ${place.runner_up}` : '';
  const conf = place.place_confidence != null ? ` (confidence ${Number(place.place_confidence).toFixed(2)})` : '';
  return h('p', { class: 'muted place-why' }, `Placed by ${place.clue}${runner}${conf}.`);
}

async function placeEvents(side, place) {
  clear(side);
  append(side, h('h2', {}, place.place), h('p', { class: 'muted' }, plural(place.events, 'event')), placeWhy(place), h('p', { class: 'loading' }, 'Loading…'));
  try {
    const body = await get('/events', { where: place.place, limit: 50 });
    side.querySelector('.loading').remove();
    const rows = items(body);
    append(
      side,
      rows.length
        ? h('ul', { class: 'event-list', id: 'place-events' }, rows.map((v) => eventItem(v, body.confidence_threshold)))
        : h('div', {}, notice('The events here name the place differently; their documents:'), h('ul', {}, place.document_ids.map((d) => h('li', {}, h('a', { href: docUrl(d) }, d))))),
    );
  } catch (err) {
    side.querySelector('.loading').remove();
    append(side, notice(err.message, 'error'));
  }
}

function markers(places, side) {
  const g = s('g', { class: 'markers' });
  const max = Math.max(1, ...places.map((p) => p.events || 1));
  for (const p of [...places].sort((a, b) => (b.events || 0) - (a.events || 0))) {
    if (p.lat === null || p.lat === undefined || p.lon === null || p.lon === undefined) continue;
    const [x, y] = project(p.lon, p.lat);
    const r = 4 + 8 * Math.sqrt((p.events || 1) / max);
    const dot = s('circle', { class: 'marker', cx: x.toFixed(2), cy: y.toFixed(2), r: r.toFixed(2), dataset: { r: r.toFixed(2), place: p.place }, tabindex: '0', role: 'button', 'aria-label': `${p.place}: ${plural(p.events || 0, 'event')}` }, s('title', {}, `${p.place}: ${plural(p.events || 0, 'event')}`));
    const open = () => {
      for (const el of g.querySelectorAll('.marker.selected')) el.classList.remove('selected');
      dot.classList.add('selected');
      placeEvents(side, p);
    };
    dot.addEventListener('click', open);
    dot.addEventListener('keydown', (evt) => {
      if (evt.key === 'Enter') open();
    });
    append(g, dot);
  }
  return g;
}

const SERIES = [
  ['events', 'events'],
  ['claims', 'claims'],
  ['documents', 'documents'],
];

/** Grouped bars per period: events, claims and documents ({date, events, claims, documents} items). */
export function timelineChart(rows) {
  const dated = rows.filter((t) => t.date);
  if (!dated.length) return notice('No dated events, claims or documents yet.');
  const max = Math.max(1, ...dated.flatMap((t) => SERIES.map(([key]) => Number(t[key] || 0))));
  const chart = h('div', { class: 'bars', id: 'timeline-bars' });
  for (const t of dated) {
    const group = h('div', { class: 'bar', title: `${t.date}: ${SERIES.map(([key, label]) => `${t[key] || 0} ${label}`).join(', ')}` });
    const fills = h('div', { class: 'bar-group' });
    for (const [key] of SERIES) {
      const n = Number(t[key] || 0);
      const fill = h('span', { class: `bar-fill bar-${key}` }, n ? h('span', { class: 'bar-count' }, String(n)) : null);
      fill.style.height = `${n ? Math.max(3, (92 * n) / max) : 0}%`;
      append(fills, fill);
    }
    append(chart, append(group, fills, h('span', { class: 'bar-label' }, t.date)));
  }
  const key = h('div', { class: 'legend' }, SERIES.map(([k, label]) => h('span', { class: 'legend-item' }, h('span', { class: `legend-box bar-${k}` }), label)));
  return h('div', {}, key, chart);
}

/**
 * The most recent dated events, newest first, each with its sentence and document; those under the
 * confidence threshold are hidden saying so (a button shows them, faded) -- never silently.
 */
function recentEvents(body, onToggle) {
  const rows = items(body);
  const note = hiddenNotice(body, onToggle);
  if (!rows.length) return note || notice('No events stored yet.');
  return h('div', {}, note, h('ul', { class: 'event-list', id: 'recent-events' }, rows.map((v) => eventItem(v, body.confidence_threshold))));
}

/**
 * Zoom and pan by the SVG viewBox: wheel, drag, and buttons; markers keep their size on screen.
 * The view keeps the map's aspect ratio, so the element's height does not jump.
 */
export class MapView {
  constructor(svg, full) {
    this.svg = svg;
    this.full = full;
    this.view = { ...full };
    this.listen();
  }

  set(view) {
    const aspect = this.full.w / this.full.h;
    const w = Math.min(this.full.w, Math.max(this.full.w / 60, view.w));
    const hgt = w / aspect;
    const x = Math.min(this.full.x + this.full.w - w, Math.max(this.full.x, view.x));
    const y = Math.min(this.full.y + this.full.h - hgt, Math.max(this.full.y, view.y));
    this.view = { x, y, w, h: hgt };
    this.svg.setAttribute('viewBox', `${x.toFixed(2)} ${y.toFixed(2)} ${w.toFixed(2)} ${hgt.toFixed(2)}`);
    this.rescale();
  }

  /** Markers' radius in viewBox units for a constant size on screen. */
  rescale() {
    const k = this.view.w / this.full.w;
    for (const c of this.svg.querySelectorAll('.marker')) c.setAttribute('r', (Number(c.dataset.r) * k).toFixed(3));
  }

  zoom(factor, cx = this.view.x + this.view.w / 2, cy = this.view.y + this.view.h / 2) {
    const v = this.view;
    this.set({ x: cx - (cx - v.x) / factor, y: cy - (cy - v.y) / factor, w: v.w / factor, h: v.h / factor });
  }

  /** Show every point [x, y] with a margin; at least ``minWidth`` of the map's width. */
  fit(points, minWidth = this.full.w / 4) {
    if (!points.length) return this.set(this.full);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const aspect = this.full.w / this.full.h;
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const w = Math.max(minWidth, (x1 - x0) * 1.8, (y1 - y0) * 1.8 * aspect);
    return this.set({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - w / aspect / 2, w, h: w / aspect });
  }

  toSvg(evt) {
    const rect = this.svg.getBoundingClientRect();
    return [this.view.x + ((evt.clientX - rect.left) / rect.width) * this.view.w, this.view.y + ((evt.clientY - rect.top) / rect.height) * this.view.h];
  }

  listen() {
    this.svg.addEventListener(
      'wheel',
      (evt) => {
        evt.preventDefault();
        const [cx, cy] = this.toSvg(evt);
        this.zoom(evt.deltaY < 0 ? 1.25 : 0.8, cx, cy);
      },
      { passive: false },
    );
    let drag = null;
    this.svg.addEventListener('pointerdown', (evt) => {
      if (evt.target.classList.contains('marker') || evt.button !== 0) return;
      drag = { x: evt.clientX, y: evt.clientY, view: { ...this.view } };
      this.svg.setPointerCapture(evt.pointerId);
      this.svg.classList.add('dragging');
    });
    this.svg.addEventListener('pointermove', (evt) => {
      if (!drag) return;
      const rect = this.svg.getBoundingClientRect();
      const dx = ((evt.clientX - drag.x) / rect.width) * drag.view.w;
      const dy = ((evt.clientY - drag.y) / rect.height) * drag.view.h;
      this.set({ ...drag.view, x: drag.view.x - dx, y: drag.view.y - dy });
    });
    const end = () => {
      drag = null;
      this.svg.classList.remove('dragging');
    };
    this.svg.addEventListener('pointerup', end);
    this.svg.addEventListener('pointercancel', end);
  }
}

function controls(view, points) {
  const button = (label, title, action) => h('button', { type: 'button', title, 'aria-label': title, onclick: action }, label);
  return h(
    'div',
    { class: 'map-controls' },
    button('+', 'Zoom in', () => view.zoom(1.5)),
    button('−', 'Zoom out', () => view.zoom(1 / 1.5)),
    button('Events', 'Show all event locations', () => view.fit(points)),
    button('World', 'Show the whole world', () => view.set(view.full)),
  );
}

export async function renderMap(app) {
  document.title = 'Map · newsgraph';
  const [, yTop] = project(0, TOP);
  const [, yBottom] = project(0, BOTTOM);
  const svg = s('svg', { class: 'map', id: 'map', viewBox: `0 ${yTop.toFixed(0)} ${W} ${(yBottom - yTop).toFixed(0)}`, role: 'img', 'aria-label': 'World map of event locations' }, s('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }), graticule());
  const side = h('aside', { class: 'graph-side', id: 'place-panel' }, h('h2', {}, 'Places'), notice('Click a circle for the events that happened there.'));
  const timelineBox = h('div', { id: 'timeline' }, h('p', { class: 'loading' }, 'Loading the timeline…'));
  const eventsBox = h('div', { id: 'events-box' }, h('p', { class: 'loading' }, 'Loading events…'));
  clear(app);
  append(
    app,
    h('section', { class: 'hero compact' }, h('h1', {}, 'Map and timeline'), h('p', { class: 'lead' }, 'Where the stored events took place, and when. Circles grow with the number of events.')),
    h('div', { class: 'graph-layout' }, h('div', { class: 'map-box' }, svg), side),
    section('Timeline', timelineBox),
    section('Latest events', eventsBox),
  );
  const [world, places, times, latest] = await Promise.all([
    worldLayer().catch((err) => ({ error: err })),
    get('/map').catch((err) => ({ error: err })),
    get('/timeline').catch((err) => ({ error: err })),
    get('/events', { limit: 15 }).catch((err) => ({ error: err })),
  ]);
  if (world.error) svg.after(notice(world.error.message, 'error'));
  else svg.insertBefore(world, svg.querySelector('.graticule').nextSibling);
  if (places.error) svg.after(notice(places.error.message, 'error'));
  else {
    const rows = items(places);
    append(svg, markers(rows, side));
    const view = new MapView(svg, { x: 0, y: yTop, w: W, h: yBottom - yTop });
    const points = rows.filter((p) => p.lat !== null && p.lat !== undefined).map((p) => project(p.lon, p.lat));
    svg.before(controls(view, points));
    view.fit(points);
    window.newsgraphMap = view;
    if (!rows.length) svg.after(notice('No event has a known location yet.'));
    else append(side, h('ul', { class: 'place-list' }, [...rows].sort((a, b) => (b.events || 0) - (a.events || 0)).slice(0, 15).map((p) => h('li', {}, h('a', { href: '#', onclick: (evt) => { evt.preventDefault(); placeEvents(side, p); } }, p.place), h('span', { class: 'muted' }, ` ${p.events}`)))));
  }
  clear(timelineBox);
  append(timelineBox, times.error ? notice(times.error.message, 'error') : timelineChart(items(times)));
  const showEvents = (body) => {
    clear(eventsBox);
    append(eventsBox, body.error ? notice(body.error.message, 'error') : recentEvents(body, toggle));
  };
  const toggle = async (min) => {
    const params = min === null ? { limit: 15 } : { limit: 15, min_confidence: min };
    showEvents(await get('/events', params).catch((err) => ({ error: err })));
  };
  showEvents(latest);
}
