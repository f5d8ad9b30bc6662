import { h, replace } from './dom.js';
import { getAll, getJson, enc } from './api.js';
import { describeWhen, shortTime } from './format.js';
import { crumbs } from './app.js';

export async function render(main) {
  document.title = 'Negotiations — Negotiation timeline';
  crumbs();
  const negotiations = await getAll('/api/negotiations');
  const list = h('ul', { class: 'cards negotiations' });
  replace(main, h('h1', {}, 'Negotiations'),
    negotiations.length ? list : h('p', {}, 'Nothing recorded yet. Record a negotiation through timeline-service (docs/api.md) or the Record page.'));
  for (const n of negotiations) {
    const span = h('p', { class: 'span' }, h('span', { class: 'muted' }, 'Span: …'));
    list.append(h('li', { class: 'card' },
      h('h2', {}, h('a', { href: `/n/${enc(n.id)}` }, n.title || n.id)),
      n.description ? h('p', { class: 'description' }, n.description) : null,
      span,
      h('p', {}, `${n.developmentCount ?? '?'} developments · last update ${shortTime(n.lastRecordedAt)}`),
      h('p', { class: 'actions' },
        h('a', { href: `/n/${enc(n.id)}` }, 'Timeline'), ' · ',
        h('a', { href: `/n/${enc(n.id)}/state` }, 'State of the deal'))));
    spanOf(n.id).then((text) => replace(span, 'Span: ', text)).catch(() => replace(span, ''));
  }
  main.focus({ preventScroll: true });
}

/** From the earliest development's start to the end of the latest one that has happened. */
async function spanOf(nid) {
  const [first, state] = await Promise.all([
    getJson(`/api/negotiations/${enc(nid)}/timeline?limit=1`),
    getJson(`/api/negotiations/${enc(nid)}/state?limit=1`)]);
  if (!first.length) return 'no developments yet';
  const last = state.developments?.[0];
  return `${describeWhen(first[0].occurred).label} → ${last ? describeWhen(last.occurred).label : 'ongoing'}`;
}
