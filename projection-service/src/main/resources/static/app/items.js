// One development as a card: the same rendering on the timeline and the state page.
import { h, replace, slug } from './dom.js';
import { getJson, enc } from './api.js';
import { when, sources, badge, claimValue, shortTime, inference } from './format.js';

export function actorName(actors, id) {
  const a = actors?.get(id);
  return a ? a.name : slug(id);
}

function quote(q) {
  if (!q || !q.text) return null;
  return h('figure', { class: `quote ${q.verbatim === false ? 'paraphrase' : 'verbatim'}` },
    h('blockquote', {}, q.text),
    h('figcaption', {}, q.verbatim === false ? 'paraphrase (not the speaker’s exact words)' : 'verbatim (the speaker’s exact words)'));
}

function specifics(item, actors) {
  const rows = [];
  if (item.position) rows.push(['Position', `${actorName(actors, item.position.holder)} ${String(item.position.stance || '').toLowerCase()} ${slug(item.position.on)}`]);
  if (item.sanctions) rows.push(['Sanctions', `${actorName(actors, item.sanctions.by)} → ${actorName(actors, item.sanctions.target)}${item.sanctions.packageName ? `, ${item.sanctions.packageName}` : ''} (${String(item.sanctions.status || '').toLowerCase()})`]);
  if (item.appointment) rows.push(['Appointment', `${actorName(actors, item.appointment.person)}: ${item.appointment.office}${item.appointment.by ? `, by ${actorName(actors, item.appointment.by)}` : ''}`]);
  if (item.location) rows.push(['Where', item.location]);
  for (const c of item.claims || []) rows.push([`Claim: ${c.subject}`, [claimValue(c.value), inference(c) ? [' ', inference(c)] : null]]);
  if (!rows.length) return null;
  return h('dl', { class: 'specifics' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** The card's content (the <article> itself stays, so a live update replaces it in place). */
export function itemBody(item, { actors, topicHref } = {}) {
  return [
    h('header', {},
      h('p', { class: 'meta' }, badge(String(item.type || 'OTHER').toLowerCase(), 'type'), ' ', when(item.occurred),
        item.corrected ? [' ', badge('corrected', 'corrected')] : null,
        item.retracted ? [' ', badge('retracted', 'retracted')] : null),
      h('h3', {}, item.title || item.eventId),
      inference(item)),
    item.summary ? h('p', { class: 'summary' }, item.summary) : null,
    quote(item.quote),
    specifics(item, actors),
    item.actors?.length ? h('p', { class: 'actors' }, h('span', { class: 'label' }, 'Actors: '),
      item.actors.map((a, i) => [i ? ', ' : '', h('span', { class: 'actor', title: a.id }, actorName(actors, a.id)),
        a.role ? h('span', { class: 'role' }, ` (${String(a.role).toLowerCase()})`) : null])) : null,
    item.topics?.length ? h('p', { class: 'topics' }, h('span', { class: 'label' }, 'Topics: '),
      item.topics.map((t) => [topicHref ? h('a', { class: 'topic', href: topicHref(t) }, t) : h('span', { class: 'topic' }, t), ' '])) : null,
    h('div', { class: 'sources-block' }, h('span', { class: 'label' }, 'Sources: '), sources(item.sources)),
    item.corrected || item.retracted ? history(item.eventId) : null,
  ];
}

/** The development's history (as first recorded, every amendment, now), fetched when opened. */
function history(eventId) {
  const body = h('div', { class: 'history-body' }, 'Loading…');
  const details = h('details', { class: 'history' }, h('summary', {}, 'History'), body);
  details.addEventListener('toggle', async () => {
    if (!details.open || details.dataset.loaded) return;
    try {
      const e = await getJson(`/api/events/${enc(eventId)}`);
      details.dataset.loaded = 'true';
      replace(body,
        h('p', {}, h('strong', {}, 'As first recorded: '), e.original?.title ?? '', ' — ', when(e.original?.occurred, { compact: true })),
        h('ol', { class: 'amendments' }, (e.amendments || []).map((a) => h('li', {},
          h('strong', {}, a.kind === 'RETRACTION' ? 'Retracted' : 'Corrected'), ` ${shortTime(a.recordedAt)}`,
          a.reason ? [': ', h('q', {}, a.reason)] : null,
          a.set ? h('p', { class: 'muted' }, 'Changed: ', Object.keys(a.set).join(', ')) : null,
          h('div', {}, sources(a.sources))))),
        h('p', {}, h('strong', {}, 'Now: '), e.current?.title ?? '', e.current?.retracted ? ' (retracted)' : ''));
    } catch (err) {
      replace(body, `History unavailable: ${err.message}`);
    }
  });
  return details;
}

export function itemCard(item, options) {
  const article = h('article', { class: `item${item.retracted ? ' is-retracted' : ''}`, id: `ev-${item.eventId}`, dataset: { eventId: item.eventId } });
  return replace(article, itemBody(item, options));
}
