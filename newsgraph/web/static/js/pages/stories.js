// Stories (/stories: articles grouped into stories, largest first, paged) and one story
// (/stories/ID): its articles by date and its events counted once across articles.

import { get } from '../api.js';
import {
  DATE_FIELDS,
  append,
  clear,
  docTitle,
  docUrl,
  eventUrl,
  filterForm,
  h,
  notice,
  onUrlChange,
  pager,
  pageSize,
  pathId,
  plural,
  section,
  setUrlState,
  storyUrl,
  urlState,
} from '../dom.js';
import { typeBadge } from './events.js';

const PAGE = 20;

export async function renderStories(app) {
  document.title = 'Stories · newsgraph';
  const box = h('div', { id: 'stories-box' });
  const filterBox = h('div', { id: 'stories-filters-box' });
  clear(app);
  append(app, h('section', { class: 'hero compact' }, h('h1', {}, 'Stories'), h('p', { class: 'lead' }, 'Articles about the same happening, grouped as they are stored; an event told by several outlets is counted once.'), filterBox), box);
  const show = async () => {
    const state = urlState();
    const go = (changes) => {
      setUrlState(changes);
      show();
    };
    append(
      clear(filterBox),
      filterForm([...DATE_FIELDS, { name: 'min_articles', label: 'Min. articles', type: 'number', min: 1, step: 1, size: 4 }], state, (values) => go({ ...values, offset: null }), 'story-filters'),
    );
    let body;
    try {
      body = await get('/stories', { limit: pageSize(state, PAGE), offset: state.offset, since: state.since, until: state.until, min_articles: state.min_articles });
    } catch (err) {
      append(clear(box), notice(err.message, 'error'));
      return;
    }
    const list = h(
      'ul',
      { class: 'results', id: 'story-results' },
      body.items.map((s) =>
        h(
          'li',
          { class: 'result' },
          h('a', { class: 'result-title', href: storyUrl(s.id) }, s.title || `Story ${s.id}`),
          h('span', { class: 'muted' }, ` ${plural(s.articles, 'article')} · ${s.first_date || '?'}${s.last_date && s.last_date !== s.first_date ? ` – ${s.last_date}` : ''}`),
        ),
      ),
    );
    append(
      clear(box),
      section(
        `Stories (${body.total.toLocaleString('en')})`,
        body.items.length ? list : notice('No story matches these filters.'),
        pager({ total: body.total, offset: body.offset, limit: body.limit, shown: body.items.length }, (o) => go({ offset: o || null }), 'stories-pager'),
      ),
    );
  };
  onUrlChange(show);
  await show();
}

export async function renderStory(app) {
  const id = pathId('/stories/');
  const body = await get('/stories/' + encodeURIComponent(id));
  const s = body.story;
  document.title = `${s.title || 'Story ' + s.id} · newsgraph`;
  clear(app);
  append(
    app,
    h('section', { class: 'card', id: 'story-head' }, h('h1', {}, s.title || `Story ${s.id}`), h('p', { class: 'muted' }, `Story #${s.id} · ${plural(s.articles, 'article')} · ${s.first_date || '?'}${s.last_date && s.last_date !== s.first_date ? ` – ${s.last_date}` : ''}`)),
    h(
      'div',
      { class: 'columns' },
      section(
        `Articles (${body.articles.length})`,
        h(
          'ul',
          { class: 'results', id: 'story-articles' },
          body.articles.map((a) => h('li', { class: 'result' }, h('a', { class: 'result-title', href: docUrl(a.id) }, docTitle(a)), h('span', { class: 'muted' }, [a.published, a.source].filter(Boolean).join(' · ')))),
        ),
      ),
      section(
        `Events (${body.events.length})`,
        body.events.length
          ? h(
              'ul',
              { class: 'results', id: 'story-events' },
              body.events.map((v) =>
                h(
                  'li',
                  { class: 'result' },
                  typeBadge(v.type),
                  ' ',
                  h('strong', {}, `${v.source || '—'} → ${v.target || '—'}`),
                  h('span', { class: 'muted' }, ` · ${v.date || 'undated'} · told by ${plural(v.articles, 'article')} (${v.sources.join(', ')})`),
                  h(
                    'p',
                    { class: 'small' },
                    v.mentions.map((x, i) => [i ? ' · ' : '', h('a', { href: eventUrl(x.document, x.event) }, x.trigger || x.event)]),
                  ),
                ),
              ),
            )
          : notice('No event was found in this story’s articles.'),
      ),
    ),
  );
}
