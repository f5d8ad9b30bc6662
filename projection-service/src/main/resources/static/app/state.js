// The state of the deal at a date, as known at a date: both in the URL, so a state is a permalink.
import { h, replace, slug } from './dom.js';
import { getJson, enc } from './api.js';
import { when, sources, badge, claimValue, isoDay, inference, inferenceOf } from './format.js';
import { actorName } from './items.js';
import { crumbs } from './app.js';

const DAY_MS = 86400000;
const DEVELOPMENTS = 20;

function dayNumber(iso) { return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS); }
function dayOf(n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); }
const today = () => new Date().toISOString().slice(0, 10);

export async function render(main, nid) {
  const base = `/api/negotiations/${enc(nid)}`;
  const [negotiation, actorList, first] = await Promise.all([getJson(base),
    getJson(`${base}/actors`).catch(() => []), getJson(`${base}/timeline?limit=1`).catch(() => [])]);
  const actors = new Map(actorList.map((a) => [a.id, a]));
  document.title = `State of the deal — ${negotiation.title || nid}`;
  crumbs([`/n/${enc(nid)}`, negotiation.title || nid], [`/n/${enc(nid)}/state`, 'State of the deal']);

  const q = new URLSearchParams(location.search);
  let at = q.get('at') || today();
  let knownAt = q.get('knownAt') || '';
  const start = first[0]?.occurred?.earliest ? isoDay(first[0].occurred.earliest) : dayOf(dayNumber(today()) - 365);
  const lo = Math.min(dayNumber(start), dayNumber(at));
  const hi = Math.max(dayNumber(today()), dayNumber(at));

  const atInput = h('input', { type: 'date', id: 'at', name: 'at', value: at, required: true });
  const knownInput = h('input', { type: 'date', id: 'knownAt', name: 'knownAt', value: knownAt });
  const slider = h('input', { type: 'range', id: 'at-scrub', min: lo, max: hi, step: 1, value: dayNumber(at),
    'aria-label': 'Scrub the date of the state', 'aria-valuetext': at });
  const step = (d) => h('button', { type: 'button', class: 'secondary', onclick: () => setAt(dayOf(dayNumber(at) + d)),
    'aria-label': d < 0 ? 'one day earlier' : 'one day later' }, d < 0 ? '◀ day' : 'day ▶');
  const heading = h('p', { class: 'state-heading', role: 'status' });
  const body = h('div', { class: 'state-body' });
  replace(main,
    h('h1', {}, 'State of the deal'),
    h('p', { class: 'description' }, negotiation.title || nid, ' — what was on the table at a date, and what was known of it at another.'),
    h('form', { class: 'dates', onsubmit: (e) => e.preventDefault(), 'aria-label': 'Dates' },
      h('div', { class: 'field' }, h('label', { for: 'at' }, 'State at'), atInput),
      h('div', { class: 'field scrub' }, h('label', { for: 'at-scrub' }, 'Scrub (arrow keys: a day)'), slider),
      h('div', { class: 'field buttons' }, step(-1), ' ', step(1)),
      h('div', { class: 'field' }, h('label', { for: 'knownAt' }, 'As known at (empty: now)'), knownInput)),
    heading, body);

  const cache = new Map();
  const fetchState = (a, k) => {
    const key = `at=${a}${k ? `&knownAt=${k}` : ''}`;
    if (!cache.has(key)) {
      const p = getJson(`${base}/state?${key}&limit=${DEVELOPMENTS}`);
      p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    return cache.get(key);
  };
  let shown = 0;
  async function show() {
    const mine = ++shown;
    const url = new URLSearchParams({ at });
    if (knownAt) url.set('knownAt', knownAt);
    history.replaceState(null, '', `${location.pathname}?${url}`);
    body.setAttribute('aria-busy', 'true');
    try {
      const state = await fetchState(at, knownAt);
      if (mine !== shown) return; // a later date was asked for meanwhile
      replace(heading, `At the end of ${at} (UTC), as known ${knownAt ? `at the end of ${knownAt}` : 'now'}:`);
      replace(body, renderState(state, nid, actors, base, at, knownAt));
      body.dataset.at = at;
      // The neighbouring days, so stepping is instant.
      fetchState(dayOf(dayNumber(at) + 1), knownAt);
      fetchState(dayOf(dayNumber(at) - 1), knownAt);
    } catch (e) {
      if (mine === shown) replace(body, h('p', { class: 'problem', role: 'alert' }, e.message));
    } finally {
      if (mine === shown) body.removeAttribute('aria-busy');
    }
  }
  function setAt(day) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    at = day;
    atInput.value = day;
    slider.value = dayNumber(day);
    slider.setAttribute('aria-valuetext', day);
    show();
  }
  slider.addEventListener('input', () => setAt(dayOf(Number(slider.value))));
  atInput.addEventListener('change', () => setAt(atInput.value));
  knownInput.addEventListener('change', () => { knownAt = knownInput.value; show(); });
  await show();
  main.focus({ preventScroll: true });
}

function renderState(state, nid, actors, base, at, knownAt) {
  return [
    h('section', { 'aria-labelledby': 'h-docs' }, h('h2', { id: 'h-docs' }, 'Documents on the table'),
      state.documents?.length
        ? h('div', { class: 'docs' }, state.documents.map((d) => documentCard(d, nid, actors)))
        : h('p', { class: 'muted' }, 'No document version had been put forward by then.')),
    claimsSection(state.claims || []),
    h('section', { 'aria-labelledby': 'h-positions' }, h('h2', { id: 'h-positions' }, 'Positions'),
      state.positions?.length ? h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Who'), h('th', {}, 'Stance'), h('th', {}, 'On'), h('th', {}, 'When'), h('th', {}, 'Sources'))),
        h('tbody', {}, state.positions.map((p) => h('tr', {},
          h('td', {}, actorName(actors, p.holder)), h('td', {}, String(p.stance || '').toLowerCase()), h('td', {}, slug(p.on)),
          h('td', {}, when(p.occurred, { compact: true })), h('td', {}, sources(p.sources)))))))
        : h('p', { class: 'muted' }, 'No positions recorded by then.')),
    h('section', { 'aria-labelledby': 'h-uncertain' }, h('h2', { id: 'h-uncertain' }, 'Uncertain: may or may not have happened by then'),
      state.uncertain?.length ? compactList(state.uncertain, nid)
        : h('p', { class: 'muted' }, 'None: every development is either clearly before or clearly after this date.')),
    h('section', { 'aria-labelledby': 'h-devs' }, h('h2', { id: 'h-devs' }, 'Developments that had happened, latest first'),
      state.developments?.length ? compactList(state.developments, nid) : h('p', { class: 'muted' }, 'None yet.'),
      state.page?.hasMore ? h('p', {}, h('a', { href: `/n/${enc(nid)}?to=${at}${knownAt ? `&knownAt=${knownAt}` : ''}` }, 'All of them on the timeline')) : null),
  ];
}

function documentCard(d, nid, actors) {
  const gist = d.textAvailable === 'REPORTED_ONLY'
    ? h('p', { class: 'gist' }, 'Reported only: the text of this version is not known, only its gist as reported.')
    : d.textAvailable === 'PARTIAL' ? h('p', { class: 'gist' }, 'Partly known: some of its text was reported.') : null;
  return h('article', { class: 'doc', dataset: { document: d.id } },
    h('h3', {}, h('a', { href: `/d/${enc(d.id)}?n=${enc(nid)}` }, slug(d.id))),
    h('p', { class: 'meta' }, `version ${d.version ?? '?'}`, d.label ? ` — ${d.label}` : '', ' ',
      d.status ? badge(String(d.status).toLowerCase().replace(/_/g, ' ')) : null, ' ', when(d.occurred, { compact: true })),
    gist,
    d.provisions?.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'provisions' },
      h('thead', {}, h('tr', {}, h('th', {}, 'No.'), h('th', {}, 'Provision'), h('th', {}, 'Status'))),
      h('tbody', {}, d.provisions.map((p) => h('tr', {},
        h('td', {}, p.number ?? '—'),
        h('td', {}, p.text ? p.text : h('span', { class: 'muted' }, `${slug(p.id)} (text not known)`),
          p.topics?.length ? h('div', { class: 'muted' }, p.topics.join(', ')) : null,
          p.sources?.length ? h('div', { class: 'provision-sources' }, 'Reported by: ', sources(p.sources)) : null,
          inference(p)),
        h('td', {}, p.status ? badge(String(p.status).toLowerCase()) : h('span', { class: 'muted' }, 'no status reported'),
          p.statusBy ? h('div', { class: 'muted' }, `by ${actorName(actors, p.statusBy)}`) : null,
          p.statusSources?.length ? h('div', {}, sources(p.statusSources)) : null,
          inferenceOf(p.statusBasis, p.statusNote)))))))
      : h('p', { class: 'muted' }, 'No provisions known.'));
}

/** Every claim on a subject, side by side: conflicting values are all shown, never merged. */
function claimsSection(claims) {
  const conflicting = claims.filter((c) => (c.values || []).length > 1);
  const single = claims.filter((c) => (c.values || []).length <= 1);
  const claimBlock = (c) => h('article', { class: 'claim', dataset: { subject: c.subject } },
    h('h3', {}, c.subject),
    c.values.length > 1 ? h('p', { class: 'conflict' }, `${c.values.length} claims from different sources — not merged`) : null,
    h('div', { class: 'claim-values' }, c.values.map((v) => h('div', { class: 'claim-value' },
      h('p', { class: 'value' }, claimValue(v.value)),
      inference(v),
      sources(v.sources),
      v.eventId ? h('p', { class: 'muted' }, 'from ', h('a', { href: `/api/events/${enc(v.eventId)}` }, v.eventId)) : null))));
  return h('section', { 'aria-labelledby': 'h-claims' }, h('h2', { id: 'h-claims' }, 'Claims'),
    claims.length ? [conflicting.map(claimBlock), single.map(claimBlock)] : h('p', { class: 'muted' }, 'No claims by then.'));
}

function compactList(items, nid) {
  return h('ul', { class: 'compact' }, items.map((i) => h('li', {},
    when(i.occurred), ' ', badge(String(i.type || '').toLowerCase(), 'type'), ' ',
    h('a', { href: `/n/${enc(nid)}#ev-${enc(i.eventId)}` }, i.title || i.eventId),
    i.corrected ? [' ', badge('corrected', 'corrected')] : null)));
}
