// Recording through timeline-service: a development, a correction, a retraction. The write token is
// entered once and kept in this tab's sessionStorage only; problems are shown next to their fields.
import { h, replace } from './dom.js';
import { getAll, getJson, write, timelineUrl, ApiError, enc } from './api.js';
import { previewEdtf } from './edtf.js';
import { crumbs } from './app.js';

const TYPES = ['MEETING', 'STATEMENT', 'POSITION', 'SANCTIONS', 'APPOINTMENT', 'REPORT', 'OTHER'];
const ROLES = ['PARTICIPANT', 'SPEAKER', 'HOST', 'MEDIATOR', 'SUBJECT'];
const STANCES = ['SUPPORTS', 'OPPOSES', 'DEMANDS', 'REJECTS', 'PROPOSES', 'ACCEPTS'];
let counter = 0;

/** A labelled input whose errors are shown under it; `field` is the JSON path the server names. */
function field(label, field, control, hint) {
  const id = `r${++counter}`;
  control.id = id;
  control.dataset.field = field;
  const errors = h('p', { class: 'errors', id: `${id}-errors`, 'aria-live': 'polite' });
  control.setAttribute('aria-describedby', `${id}-errors`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint || null, errors);
}
const input = (attrs = {}) => h('input', { type: 'text', ...attrs });
const select = (options, attrs = {}) => h('select', attrs, options.map((o) => (Array.isArray(o) ? h('option', { value: o[0] }, o[1]) : h('option', { value: o }, o.toLowerCase()))));

function clearErrors(form) {
  form.querySelectorAll('.errors').forEach((e) => replace(e));
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

/** Puts each errors[] entry next to the control it names; what names no control goes on top. */
function showProblem(form, summary, error) {
  clearErrors(form);
  const leftover = [];
  const list = error instanceof ApiError ? error.problem.errors || [] : [];
  for (const e of list) {
    const control = form.querySelector(`[data-field="${CSS.escape(e.field)}"]`);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      document.getElementById(control.getAttribute('aria-describedby')).append(h('span', {}, e.message, ' '));
    } else leftover.push(`${e.field}: ${e.message}`);
  }
  replace(summary, h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, error.status === 401 ? 'The write token was refused' : (error.problem?.title || 'Not recorded')),
    h('p', {}, error.message), leftover.length ? h('ul', {}, leftover.map((l) => h('li', {}, l))) : null,
    list.length ? h('p', { class: 'muted' }, 'Nothing was stored.') : null));
  (form.querySelector('[aria-invalid="true"]') || summary).focus?.();
}

export async function render(main) {
  document.title = 'Record — Negotiation timeline';
  crumbs(['/record', 'Record']);
  const negotiations = await getAll('/api/negotiations').catch(() => []);
  const q = new URLSearchParams(location.search);
  replace(main,
    h('h1', {}, 'Record'),
    h('p', { class: 'description' }, `Writes go to timeline-service at ${timelineUrl}. Nothing recorded is ever overwritten: a mistake is fixed by a correction or a retraction.`),
    tokenBox(),
    h('section', { 'aria-labelledby': 'h-dev' }, h('h2', { id: 'h-dev' }, 'A development'), developmentForm(negotiations, q.get('n'))),
    h('section', { 'aria-labelledby': 'h-cor' }, h('h2', { id: 'h-cor' }, 'A correction'), correctionForm(q.get('event'))),
    h('section', { 'aria-labelledby': 'h-ret' }, h('h2', { id: 'h-ret' }, 'A retraction'), retractionForm(q.get('event'))));
  main.focus({ preventScroll: true });
}

function tokenBox() {
  const state = h('p', { role: 'status' });
  const token = h('input', { type: 'password', id: 'write-token', autocomplete: 'off', spellcheck: 'false' });
  const show = () => replace(state, sessionStorage.getItem('write-token') ? 'A write token is set for this tab (it is forgotten when the tab closes).' : 'No write token yet: enter it once for this tab.');
  show();
  return h('form', { class: 'filters token', onsubmit: (e) => { e.preventDefault(); if (token.value.trim()) sessionStorage.setItem('write-token', token.value.trim()); token.value = ''; show(); } },
    h('div', { class: 'field' }, h('label', { for: 'write-token' }, 'Write token'), token),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Use it'), ' ',
      h('button', { type: 'button', class: 'secondary', onclick: () => { sessionStorage.removeItem('write-token'); show(); } }, 'Forget it')),
    state);
}

function edtfField(name, label) {
  const value = input({ name, placeholder: '2026-01-06, 2025-11, 2026-01-03/2026-01-04, 2026-01-06~', autocomplete: 'off' });
  const preview = h('p', { class: 'muted edtf-preview', 'aria-live': 'polite' });
  const update = () => {
    if (!value.value.trim()) { replace(preview); return; }
    const p = previewEdtf(value.value);
    replace(preview, p.error ? h('span', { class: 'errors' }, p.error)
      : `earliest ${p.earliest.replace('T', ' ')} · latest ${p.latest.replace('T', ' ')} · ${p.precision}${p.offset ? ` (offset ${p.offset})` : ' (in the zone below, UTC if none)'}`);
  };
  value.addEventListener('input', update);
  return field(label, name, value, preview);
}

function developmentForm(negotiations, nid) {
  const summary = h('div', { tabindex: '-1' });
  const result = h('div', { role: 'status' });
  const negotiation = select(negotiations.map((n) => [n.id, n.title || n.id]), { name: 'negotiation' });
  if (nid) negotiation.value = nid;
  const type = select(TYPES, { name: 'type' });
  const actorsBox = h('div', { class: 'rows' });
  const actorList = h('datalist', { id: 'actor-ids' });
  const loadActors = () => getJson(`/api/negotiations/${enc(negotiation.value)}/actors`)
    .then((list) => replace(actorList, list.map((a) => h('option', { value: a.id }, a.name)))).catch(() => {});
  negotiation.addEventListener('change', loadActors);
  if (negotiation.value) loadActors();
  const addActor = () => {
    const i = actorsBox.children.length;
    actorsBox.append(h('div', { class: 'row filters' },
      field(`Actor ${i + 1}`, `actors[${i}].id`, input({ name: 'actor', list: 'actor-ids' })),
      field('Role', `actors[${i}].role`, select(ROLES, { name: 'role' }))));
  };
  const sourcesBox = h('div', { class: 'rows' });
  const addSource = () => {
    const i = sourcesBox.children.length;
    sourcesBox.append(h('div', { class: 'row filters' },
      field(`Source ${i + 1}: outlet`, `sources[${i}].outlet`, input({ name: 'outlet' })),
      field('via (credited outlet)', `sources[${i}].via`, input({ name: 'via' })),
      field('published (EDTF)', `sources[${i}].published`, input({ name: 'published' })),
      field('URL', `sources[${i}].url`, input({ name: 'url', type: 'url' }))));
  };
  addActor(); addSource();
  const quoteBlock = h('fieldset', { class: 'type-block', dataset: { for: 'STATEMENT' } }, h('legend', {}, 'Quote (optional)'),
    field('Words', 'quote.text', h('textarea', { name: 'quoteText', rows: 2 })),
    h('label', {}, h('input', { type: 'checkbox', name: 'verbatim', checked: true }), ' verbatim (unchecked: a paraphrase)'));
  const positionBlock = h('fieldset', { class: 'type-block filters', dataset: { for: 'POSITION' } }, h('legend', {}, 'Position'),
    field('Holder (actor id)', 'position.holder', input({ name: 'holder', list: 'actor-ids' })),
    field('Stance', 'position.stance', select(STANCES, { name: 'stance' })),
    field('On (topic)', 'position.on', input({ name: 'on' })));
  const sanctionsBlock = h('fieldset', { class: 'type-block filters', dataset: { for: 'SANCTIONS' } }, h('legend', {}, 'Sanctions'),
    field('By (actor id)', 'sanctions.by', input({ name: 'sBy', list: 'actor-ids' })),
    field('Target (actor id)', 'sanctions.target', input({ name: 'sTarget', list: 'actor-ids' })),
    field('Package', 'sanctions.package', input({ name: 'sPackage' })),
    field('Status', 'sanctions.status', select(['PLANNED', 'PROPOSED', 'ADOPTED'], { name: 'sStatus' })));
  const appointmentBlock = h('fieldset', { class: 'type-block filters', dataset: { for: 'APPOINTMENT' } }, h('legend', {}, 'Appointment'),
    field('Person (actor id)', 'appointment.person', input({ name: 'person', list: 'actor-ids' })),
    field('Office', 'appointment.office', input({ name: 'office' })),
    field('By (actor id)', 'appointment.by', input({ name: 'aBy', list: 'actor-ids' })));
  const blocks = [quoteBlock, positionBlock, sanctionsBlock, appointmentBlock];
  const showBlocks = () => blocks.forEach((b) => { b.hidden = b.dataset.for !== type.value; b.disabled = b.hidden; });
  type.addEventListener('change', showBlocks);
  showBlocks();
  let key = crypto.randomUUID();

  const form = h('form', { class: 'record', novalidate: true },
    summary, actorList,
    h('div', { class: 'filters' }, field('Negotiation', 'negotiation', negotiation), field('Type', 'type', type)),
    field('Title', 'title', input({ name: 'title', maxlength: 300 })),
    field('Summary (optional)', 'summary', h('textarea', { name: 'summary', rows: 3 })),
    h('fieldset', { class: 'filters' }, h('legend', {}, 'When it happened'),
      edtfField('occurred.value', 'Date (EDTF)'),
      field('The source’s words (optional)', 'occurred.text', input({ name: 'occurred.text', placeholder: 'around midday' })),
      field('Zone (optional, IANA)', 'occurred.zone', input({ name: 'occurred.zone', placeholder: 'Europe/Paris' }))),
    h('fieldset', {}, h('legend', {}, 'Actors'), actorsBox, h('button', { type: 'button', class: 'secondary', onclick: addActor }, 'Add an actor')),
    field('Topics (comma-separated slugs)', 'topics', input({ name: 'topics' })),
    field('Location (optional)', 'location', input({ name: 'location' })),
    blocks,
    h('fieldset', {}, h('legend', {}, 'Sources'), sourcesBox, h('button', { type: 'button', class: 'secondary', onclick: addSource }, 'Add a source')),
    h('fieldset', { class: 'filters' }, h('legend', {}, 'A claim (optional)'),
      field('Subject', 'claims[0].subject', input({ name: 'claimSubject', placeholder: 'reassurance-force.troops' })),
      field('Value (JSON)', 'claims[0].value', input({ name: 'claimValue', placeholder: '{"min": 15000, "max": 30000}' }))),
    h('p', {}, h('button', { type: 'submit' }, 'Record the development')),
    result);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = (name) => form.elements[name]?.value?.trim() || '';
    const body = { type: type.value, title: v('title'), occurred: { value: v('occurred.value') } };
    if (v('occurred.text')) body.occurred.text = v('occurred.text');
    if (v('occurred.zone')) body.occurred.zone = v('occurred.zone');
    if (v('summary')) body.summary = v('summary');
    if (v('location')) body.location = v('location');
    body.topics = v('topics') ? v('topics').split(',').map((t) => t.trim()).filter(Boolean) : [];
    body.actors = [...actorsBox.children].map((row) => ({ id: row.querySelector('[name=actor]').value.trim(), role: row.querySelector('[name=role]').value }))
      .filter((a) => a.id);
    body.sources = [...sourcesBox.children].map((row) => {
      const s = {};
      for (const k of ['outlet', 'via', 'published', 'url']) { const x = row.querySelector(`[name=${k}]`).value.trim(); if (x) s[k] = x; }
      return s;
    }).filter((s) => Object.keys(s).length);
    if (type.value === 'STATEMENT' && v('quoteText')) body.quote = { text: v('quoteText'), verbatim: form.elements.verbatim.checked };
    if (type.value === 'POSITION') body.position = { holder: v('holder'), stance: v('stance'), on: v('on') };
    if (type.value === 'SANCTIONS') { body.sanctions = { by: v('sBy'), target: v('sTarget'), status: v('sStatus') }; if (v('sPackage')) body.sanctions.package = v('sPackage'); }
    if (type.value === 'APPOINTMENT') { body.appointment = { person: v('person'), office: v('office') }; if (v('aBy')) body.appointment.by = v('aBy'); }
    if (v('claimSubject') || v('claimValue')) {
      let value;
      try { value = JSON.parse(v('claimValue')); } catch (err) { value = v('claimValue'); }
      body.claims = [{ subject: v('claimSubject'), value }];
    }
    replace(result);
    try {
      const answer = await write(`/api/negotiations/${enc(negotiation.value)}/events`, body, { idempotencyKey: key });
      clearErrors(form); replace(summary);
      key = crypto.randomUUID();
      replace(result, h('p', { class: 'notice' }, `Recorded ${answer.eventId} (sequence ${answer.sequence}). `,
        h('a', { href: `/n/${enc(negotiation.value)}#ev-${enc(answer.eventId)}` }, 'See it on the timeline')));
    } catch (err) {
      showProblem(form, summary, err);
    }
  });
  return form;
}

function amendmentFields(eventId) {
  return [field('Development (event id)', 'eventId', input({ name: 'eventId', value: eventId || '' })),
    field('Reason', 'reason', input({ name: 'reason' })),
    field('Source: outlet', 'sources[0].outlet', input({ name: 'outlet' }))];
}

function amendmentForm(eventId, button, extra, path, build) {
  const summary = h('div', { tabindex: '-1' });
  const result = h('div', { role: 'status' });
  const form = h('form', { class: 'record', novalidate: true }, summary, amendmentFields(eventId), extra, h('p', {}, h('button', { type: 'submit' }, button)), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = (name) => form.elements[name]?.value?.trim() || '';
    const body = { reason: v('reason'), sources: v('outlet') ? [{ outlet: v('outlet') }] : [] };
    build(body, v);
    try {
      const answer = await write(path(enc(v('eventId') || '-')), body, { idempotencyKey: crypto.randomUUID() });
      clearErrors(form); replace(summary);
      replace(result, h('p', { class: 'notice' }, `Recorded ${answer.eventId}, amending ${answer.amends}.`));
    } catch (err) {
      showProblem(form, summary, err);
    }
  });
  return form;
}

function correctionForm(eventId) {
  return amendmentForm(eventId, 'Record the correction', h('fieldset', { class: 'filters' }, h('legend', {}, 'What changes (leave the rest empty)'),
    field('Title', 'set.title', input({ name: 'setTitle' })),
    field('Summary', 'set.summary', input({ name: 'setSummary' })),
    edtfField('set.occurred.value', 'Date (EDTF)')),
  (id) => `/api/events/${id}/corrections`, (body, v) => {
    body.set = {};
    if (v('setTitle')) body.set.title = v('setTitle');
    if (v('setSummary')) body.set.summary = v('setSummary');
    if (v('set.occurred.value')) body.set.occurred = { value: v('set.occurred.value') };
  });
}

function retractionForm(eventId) {
  return amendmentForm(eventId, 'Record the retraction', null, (id) => `/api/events/${id}/retraction`, () => {});
}
