// Trends (/trends?actor= or ?q=): events per week or month by type (a stacked bar chart), and who
// is quoted most (a bar chart), drawn with Chart.js (installed from npm, served under /vendor/).
// The numbers are also listed under each chart, so nothing is known only from a picture.

import { get } from '../api.js';
import { typeColor } from '../colors.js';
import { CONFIDENCE_FIELD, DATE_FIELDS, actorUrl, append, clear, filterForm, h, notice, onUrlChange, plural, section, setUrlState, urlState, withQuery } from '../dom.js';

let chartPromise = null;

/** Chart.js (its UMD build sets window.Chart), loaded once; a clear error when `npm ci` has not run. */
export function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!chartPromise) {
    chartPromise = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/vendor/chart.umd.min.js';
      script.onload = () => (window.Chart ? resolve(window.Chart) : reject(new Error('Chart.js did not load.')));
      script.onerror = () => {
        chartPromise = null;
        script.remove();
        reject(new Error('The chart library (Chart.js) is not installed on the server: run `bash run setup` (npm ci from package-lock.json) and restart newsgraph serve.'));
      };
      document.head.append(script);
    });
  }
  return chartPromise;
}

const charts = {};
window.newsgraphCharts = charts; // the tests read what was drawn

function draw(Chart, canvas, name, config) {
  if (charts[name]) charts[name].destroy();
  charts[name] = new Chart(canvas, { ...config, options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options } });
}

function periodLabel(p, interval) {
  return interval === 'week' ? `week of ${p}` : p;
}

export async function renderTrends(app) {
  document.title = 'Trends · newsgraph';
  const box = h('div', { id: 'trends-box' });
  const formBox = h('div', { id: 'trends-form-box' });
  clear(app);
  append(app, h('section', { class: 'hero compact' }, h('h1', {}, 'Trends'), h('p', { class: 'lead' }, 'What happens over time around an actor, or in the stories some words find: events by type per week or month, and who is quoted most.'), formBox), box);
  const show = async () => {
    const state = urlState();
    const go = (changes) => {
      setUrlState(changes);
      show();
    };
    append(
      clear(formBox),
      filterForm(
        [
          { name: 'actor', label: 'Actor', placeholder: 'name, alias or #id', size: 16 },
          { name: 'q', label: 'or words', placeholder: 'drones', size: 14 },
          { name: 'interval', label: 'Per', type: 'select', any: 'month', options: [['week']] },
          ...DATE_FIELDS,
          CONFIDENCE_FIELD,
        ],
        state,
        (values) => go(values.actor ? { ...values, q: null } : values),
        'trend-form',
      ),
    );
    if (!state.actor && !state.q) {
      append(clear(box), notice('Name an actor, or give words to search for.'));
      return;
    }
    append(clear(box), h('p', { class: 'loading' }, 'Counting…'));
    let body;
    let Chart;
    try {
      [body, Chart] = await Promise.all([
        get('/trends', { actor: state.actor, q: state.actor ? null : state.q, interval: state.interval, since: state.since, until: state.until, min_confidence: state.min_confidence }),
        loadChart(),
      ]);
    } catch (err) {
      append(clear(box), notice(err.message, 'error'));
      return;
    }
    const what = body.actor
      ? ['Events of ', h('a', { href: actorUrl(body.actor.id), id: 'trend-actor' }, body.actor.name), ` (an argument resolved to it) · ${plural(body.events, 'event')}`]
      : [`Events in the ${plural(body.documents, 'document')} “${body.query}” finds · ${plural(body.events, 'event')}`];
    const eventsCanvas = h('canvas', { id: 'events-chart', role: 'img', 'aria-label': 'events per period by type' });
    const speakersCanvas = h('canvas', { id: 'speakers-chart', role: 'img', 'aria-label': 'claims by speaker' });
    const table = h(
      'table',
      { class: 'ties trend-table', id: 'trend-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'type'), body.periods.map((p) => h('th', { class: 'num' }, p)))),
      h('tbody', {}, body.series.map((s) => h('tr', {}, h('td', {}, s.type), s.counts.map((n) => h('td', { class: 'num' }, String(n)))))),
    );
    append(
      clear(box),
      section(
        `Events per ${body.interval}`,
        h('p', { class: 'muted' }, what),
        body.series.length ? [h('div', { class: 'chart-box' }, eventsCanvas), h('details', { class: 'small' }, h('summary', {}, 'The numbers'), h('div', { class: 'table-scroll' }, table))] : notice('No dated event at or above the confidence threshold. (Lower the minimum confidence to see the others.)'),
      ),
      section(
        `Who is quoted (${plural(body.claims, 'claim')})`,
        h('p', { class: 'muted' }, body.actor ? 'Speakers of the claims in the documents that name the actor.' : 'Speakers of the claims in the documents found.'),
        body.speakers.length
          ? [
              h('div', { class: 'chart-box chart-box-speakers' }, speakersCanvas),
              h('ol', { class: 'small', id: 'speaker-list' }, body.speakers.map((s) => h('li', {}, h('a', { href: withQuery('/claims', { speaker: s.speaker, min_confidence: state.min_confidence }) }, s.speaker), ` — ${plural(s.claims, 'claim')}`))),
            ]
          : notice('No claim at or above the confidence threshold.'),
      ),
    );
    if (body.series.length) {
      draw(Chart, eventsCanvas, 'events', {
        type: 'bar',
        data: {
          labels: body.periods.map((p) => periodLabel(p, body.interval)),
          datasets: body.series.map((s) => ({ label: s.type, data: s.counts, backgroundColor: typeColor(s.type) })),
        },
        options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
      });
    }
    if (body.speakers.length) {
      draw(Chart, speakersCanvas, 'speakers', {
        type: 'bar',
        data: { labels: body.speakers.map((s) => s.speaker), datasets: [{ label: 'claims', data: body.speakers.map((s) => s.claims), backgroundColor: '#8e6cc0' }] },
        options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
      });
    }
  };
  onUrlChange(show);
  await show();
}
