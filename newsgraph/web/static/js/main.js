// Entry point of every page: the shell names its page in <body data-page>, this module renders it.

import { clear, h, notice } from './dom.js';
import { renderHome, renderSearch } from './pages/search.js';
import { renderDocument } from './pages/document.js';
import { renderActor } from './pages/actor.js';
import { renderNetwork } from './pages/network.js';
import { renderMap } from './pages/map.js';
import { renderAlerts } from './pages/alerts.js';

import { renderEvent, renderEvents } from './pages/events.js';
import { renderClaim, renderClaims } from './pages/claims.js';
import { renderStories, renderStory } from './pages/stories.js';
import { renderHit, renderHits } from './pages/hits.js';
import { renderPath } from './pages/path.js';
import { renderTrends } from './pages/trends.js';
import { renderCommunities } from './pages/communities.js';

const PAGES = {
  home: renderHome,
  search: renderSearch,
  document: renderDocument,
  actor: renderActor,
  network: renderNetwork,
  map: renderMap,
  alerts: renderAlerts,

  // the analyst's pages (issue 18)
  events: renderEvents,
  event: renderEvent,
  claims: renderClaims,
  claim: renderClaim,
  stories: renderStories,
  story: renderStory,
  hits: renderHits,
  hit: renderHit,
  path: renderPath,
  trends: renderTrends,
  communities: renderCommunities,
};

/** A page's entry in the top bar: the list page lights up on its records' pages too. */
const NAV_OF = { event: 'events', claim: 'claims', story: 'stories', hit: 'hits', communities: 'network' };

async function start() {
  const page = document.body.dataset.page;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === page || link.dataset.nav === NAV_OF[page] || (page === 'search' && link.dataset.nav === 'home')) {
      link.setAttribute('aria-current', 'page');
    }
  }
  const q = new URLSearchParams(window.location.search).get('q');
  const top = document.querySelector('.topsearch input');
  if (top && q) top.value = q;
  const app = document.getElementById('app');
  const render = PAGES[page];
  try {
    if (!render) throw new Error(`unknown page ${page}`);
    await render(app);
  } catch (err) {
    clear(app);
    app.append(
      h('section', { class: 'card' }, h('h1', {}, err.status === 404 ? 'Not found' : 'Something went wrong'), notice(err.message, 'error')),
    );
    console.warn('newsgraph:', err);
  } finally {
    document.body.dataset.ready = 'true';
  }
}

start();
