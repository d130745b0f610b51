// Communities (/communities): the CLI's `newsgraph communities` in the browser. Who clusters with
// whom (Louvain communities of the whole network, largest first, each with its strongest members)
// and the most central actors, from GET /api/network/communities; its filters live in the URL.

import { get } from '../api.js';
import { CONFIDENCE_FIELD, actorUrl, append, clear, filterForm, h, hiddenNotice, notice, plural, section, setUrlState, onUrlChange, urlState, withQuery } from '../dom.js';

const FILTERS = ['since', 'type', 'min_weight', 'top', 'min_confidence'];

function communityItem(c, i) {
  return h(
    'li',
    { class: 'result community', dataset: { size: String(c.size) } },
    h('strong', {}, `Community ${i + 1}`),
    h('span', { class: 'muted' }, ` · ${plural(c.size, 'actor')}${c.size > c.members.length ? `; its ${c.members.length} strongest:` : ':'} `),
    h(
      'span',
      { class: 'members' },
      c.members.map((name, j) => [j ? ', ' : '', h('a', { href: withQuery('/network', { actor: name }) }, name)]),
    ),
  );
}

function centralTable(central) {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'ties', id: 'central' },
      h('thead', {}, h('tr', {}, h('th', {}, 'actor'), h('th', { title: 'the documents of its ties added up' }, 'tie strength'), h('th', {}, 'degree'), h('th', {}, 'betweenness'))),
      h(
        'tbody',
        {},
        central.map((a) =>
          h(
            'tr',
            { dataset: { id: String(a.id) } },
            h('td', {}, h('a', { href: actorUrl(a.id) }, a.name)),
            h('td', {}, a.strength.toLocaleString('en')),
            h('td', {}, a.degree.toFixed(3)),
            h('td', {}, a.betweenness.toFixed(3)),
          ),
        ),
      ),
    ),
  );
}

export async function renderCommunities(app) {
  document.title = 'Communities · newsgraph';
  const box = h('div', { id: 'communities-box' });
  const filterBox = h('div', { id: 'communities-filters-box' });
  clear(app);
  append(
    app,
    h(
      'section',
      { class: 'hero compact' },
      h('h1', {}, 'Communities'),
      h('p', { class: 'lead' }, 'Who clusters with whom across the whole network, and the most central actors (the CLI’s “newsgraph communities”).'),
      filterBox,
    ),
    box,
  );
  const show = async () => {
    const state = urlState();
    const go = (changes) => {
      setUrlState(changes);
      show();
    };
    append(
      clear(filterBox),
      filterForm(
        [
          { name: 'since', label: 'From', placeholder: 'YYYY-MM-DD', size: 10 },
          { name: 'type', label: 'Tie type', placeholder: 'CONSULT, says…', size: 12 },
          { name: 'min_weight', label: 'Min. documents', type: 'number', min: 1, step: 1, size: 4 },
          { name: 'top', label: 'How many', type: 'number', min: 1, max: 100, step: 1, placeholder: '15', size: 4 },
          CONFIDENCE_FIELD,
        ],
        state,
        (values) => go(values),
        'community-filters',
      ),
    );
    append(clear(box), h('p', { class: 'loading' }, 'Finding the communities…'));
    let body;
    try {
      body = await get('/network/communities', Object.fromEntries(FILTERS.map((k) => [k, state[k]])));
    } catch (err) {
      append(clear(box), notice(err.message, 'error'));
      return;
    }
    const note = hiddenNotice(body, (min) => go({ min_confidence: min === null ? null : String(min) }));
    append(
      clear(box),
      h('p', { class: 'muted', id: 'communities-count' }, `${plural(body.nodes, 'actor')} and ${plural(body.edges, 'tie')} in the network; the ${plural(body.communities.length, 'largest community', 'largest communities')} and the ${plural(body.central.length, 'most central actor', 'most central actors')} (“How many” shows up to 100).`),
      note,
      section('Communities', body.communities.length ? h('ol', { class: 'results', id: 'community-results' }, body.communities.map(communityItem)) : notice('No tie matches these filters.')),
      section('Most central', body.central.length ? centralTable(body.central) : notice('No actor has a tie with these filters.')),
    );
  };
  onUrlChange(show);
  await show();
}
