// A document's versions, a redline between any two versions (of any documents of the negotiation),
// and a provision's history and lineage.
import { h, replace, slug } from './dom.js';
import { get, getAll, getJson, enc } from './api.js';
import { when, sources, badge, inference } from './format.js';
import { crumbs } from './app.js';

const versionsOf = new Map();
function versions(docId) {
  if (!versionsOf.has(docId)) versionsOf.set(docId, getAll(`/api/documents/${enc(docId)}/versions`));
  return versionsOf.get(docId);
}

export async function render(main, docId) {
  const q = new URLSearchParams(location.search);
  const nid = q.get('n');
  const own = await versions(docId);
  document.title = `${slug(docId)} — drafts`;
  crumbs(...(nid ? [[`/n/${enc(nid)}`, slug(nid)], [`/n/${enc(nid)}/state`, 'State of the deal']] : []), [location.pathname + location.search, slug(docId)]);

  // The other documents of the negotiation, for redlines across documents.
  let docs = [docId];
  if (nid) {
    try {
      const state = await getJson(`/api/negotiations/${enc(nid)}/state?limit=1`);
      docs = [...new Set([...state.documents.map((d) => d.id), docId])];
    } catch (e) { /* only this document */ }
  }
  const all = (await Promise.all(docs.map((d) => versions(d).catch(() => [])))).flat();
  all.sort((a, b) => String(a.occurred?.earliest).localeCompare(String(b.occurred?.earliest))
    || String(a.occurred?.latest).localeCompare(String(b.occurred?.latest)) || a.version - b.version);
  const ref = (v) => `${v.document}@${v.version}`;
  const name = (v) => `${slug(v.document)} v${v.version}${v.label ? ` — ${v.label}` : ''}`;

  const last = own[own.length - 1];
  const lastIndex = last ? all.findIndex((v) => ref(v) === ref(last)) : -1;
  const defaultFrom = lastIndex > 0 ? ref(all[lastIndex - 1]) : (last ? ref(last) : '');
  let from = q.get('from') || defaultFrom;
  let to = q.get('to') || (last ? ref(last) : '');

  const select = (id, value) => h('select', { id, name: id },
    all.map((v) => h('option', { value: ref(v), selected: ref(v) === value }, name(v))));
  const fromSel = select('from', from);
  const toSel = select('to', to);
  const redline = h('div', { class: 'redline-body', 'aria-live': 'polite' });
  const historyBox = h('section', { class: 'provision-history', 'aria-labelledby': 'h-history', hidden: true });

  async function compare() {
    from = fromSel.value; to = toSel.value;
    const url = new URLSearchParams(location.search);
    url.set('from', from); url.set('to', to);
    history.replaceState(null, '', `${location.pathname}?${url}`);
    redline.setAttribute('aria-busy', 'true');
    try {
      const rows = await getJson(`/api/compare?from=${enc(from)}&to=${enc(to)}`);
      const vf = all.find((v) => ref(v) === from); const vt = all.find((v) => ref(v) === to);
      replace(redline, h('h3', {}, `${vf ? name(vf) : from} → ${vt ? name(vt) : to}`),
        [vf, vt].filter((v) => v && v.textAvailable === 'REPORTED_ONLY').map((v) =>
          h('p', { class: 'gist' }, `${name(v)} is known only by its gist (reported only): its provisions' texts are not known, so changes show what was reported, not a text diff.`)),
        redlineTable(rows, showHistory, from.split('@')[0], to.split('@')[0]));
      redline.dataset.pair = `${from}>${to}`;
    } catch (e) {
      replace(redline, h('p', { class: 'problem', role: 'alert' }, e.message));
    } finally {
      redline.removeAttribute('aria-busy');
    }
  }

  async function showHistory(pid, doc) {
    historyBox.hidden = false;
    replace(historyBox, h('h2', { id: 'h-history' }, `Provision ${slug(pid)}`), 'Loading…');
    try {
      const hist = await getJson(`/api/provisions/${enc(doc)}/${enc(pid)}/history`);
      replace(historyBox, h('h2', { id: 'h-history', tabindex: '-1' }, `Provision ${slug(pid)} of ${slug(doc)}`),
        h('h3', {}, 'Appearances'),
        h('div', { class: 'table-wrap' }, h('table', {},
          h('thead', {}, h('tr', {}, ['Version', 'No.', 'Text', 'Status', 'Change', 'Sources'].map((t) => h('th', {}, t)))),
          h('tbody', {}, (hist.appearances || []).map((a) => h('tr', {},
            h('td', {}, `v${a.version}${a.label ? ` ${a.label}` : ''}`, h('div', {}, when(a.occurred, { compact: true }))),
            h('td', {}, a.number ?? '—'), h('td', {}, a.text ?? h('span', { class: 'muted' }, 'text not known'), inference(a)),
            h('td', {}, a.status ? badge(String(a.status).toLowerCase()) : '—'),
            h('td', {}, a.change ? badge(a.change, a.change) : '—'),
            h('td', {}, sources(a.sources))))))),
        hist.statusChanges?.length ? [h('h3', {}, 'Status changes'), h('ul', {}, hist.statusChanges.map((s) =>
          h('li', {}, badge(String(s.status).toLowerCase()), ' ', when(s.occurred, { compact: true }), s.by ? ` by ${slug(s.by)}` : '', ' ', sources(s.sources), ' ', inference(s))))] : null,
        h('h3', {}, 'Lineage'),
        h('p', { class: 'muted' }, 'Derived from (earlier provisions, each with its own ancestors):'),
        await ancestry(`${doc}/${pid}`, hist, 0, new Set()),
        h('p', { class: 'muted' }, 'Carried on into (later provisions):'),
        hist.lineage?.forward?.length ? h('ul', { class: 'tree' }, hist.lineage.forward.map((f) => h('li', {}, provisionLink(f, showHistory))))
          : h('p', {}, 'nothing later'));
      historyBox.querySelector('h2').focus();
    } catch (e) {
      replace(historyBox, h('p', { class: 'problem', role: 'alert' }, e.message));
    }
  }

  replace(main,
    h('h1', {}, slug(docId)),
    h('section', { 'aria-labelledby': 'h-versions' }, h('h2', { id: 'h-versions' }, 'Versions'),
      own.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'versions' },
        h('thead', {}, h('tr', {}, ['Version', 'Date', 'Status', 'Text', 'Provisions', 'Sources'].map((t) => h('th', {}, t)))),
        h('tbody', {}, own.map((v) => h('tr', {},
          h('td', {}, `v${v.version}`, v.label ? ` — ${v.label}` : ''),
          h('td', {}, when(v.occurred)),
          h('td', {}, v.status ? badge(String(v.status).toLowerCase().replace(/_/g, ' ')) : '—'),
          h('td', {}, textAvailability(v)),
          h('td', {}, `${v.provisionCount ?? '?'} known`, v.reportedProvisionCount != null ? ` (reported: ${v.reportedProvisionCount})` : ''),
          h('td', {}, sources(v.sources)))))))
        : h('p', { class: 'muted' }, 'No versions yet.')),
    h('section', { 'aria-labelledby': 'h-redline' }, h('h2', { id: 'h-redline' }, 'Redline'),
      all.length > 1 ? h('nav', { 'aria-label': 'Drafts in order' }, h('p', { class: 'muted' }, 'Step through the drafts in order:'),
        h('ol', { class: 'steps' }, all.slice(1).map((v, i) => h('li', {}, h('a', { href: '#', class: 'step', dataset: { from: ref(all[i]), to: ref(v) },
          onclick: (e) => { e.preventDefault(); fromSel.value = ref(all[i]); toSel.value = ref(v); compare(); } }, `${name(all[i])} → ${name(v)}`))))) : null,
      h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); compare(); } },
        h('div', { class: 'field' }, h('label', { for: 'from' }, 'From'), fromSel),
        h('div', { class: 'field' }, h('label', { for: 'to' }, 'To'), toSel),
        h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Compare'))),
      redline),
    historyBox);
  if (from && to) await compare();
  main.focus({ preventScroll: true });
}

function textAvailability(v) {
  if (v.textAvailable === 'REPORTED_ONLY') return h('span', {}, badge('reported only', 'REPORTED_ONLY'), h('div', { class: 'muted' }, 'its text is not known, only its gist'));
  if (v.textAvailable === 'PARTIAL') return badge('partly known');
  return badge('full text');
}

function provisionLink(ref, showHistory) {
  const [doc, pid] = String(ref).split('/');
  return h('a', { href: '#', onclick: (e) => { e.preventDefault(); showHistory(pid, doc); } }, `${slug(pid)} (${slug(doc)})`);
}

/** The backward lineage as an indented tree of direct parents (derivedFrom), fetched level by level. */
async function ancestry(key, hist, depth, seen) {
  seen.add(key);
  const parents = [...new Set((hist.appearances || []).flatMap((a) => a.derivedFrom || []))]
    .map((p) => (p.includes('/') ? p : `${key.split('/')[0]}/${p}`));
  if (!parents.length) return depth === 0 ? h('p', {}, 'an original provision') : null;
  const items = await Promise.all(parents.map(async (p) => {
    if (seen.has(p) || depth > 8) return h('li', {}, p);
    const [doc, pid] = p.split('/');
    const parent = await getJson(`/api/provisions/${enc(doc)}/${enc(pid)}/history`).catch(() => null);
    return h('li', {}, `${slug(pid)} (${slug(doc)})`, parent ? await ancestry(p, parent, depth + 1, seen) : null);
  }));
  return h('ul', { class: 'tree' }, items);
}

function diffSide(diff, side) {
  // The word diff: the "from" side shows what was kept and deleted, the "to" side kept and inserted.
  return diff.filter((d) => d.op === 'equal' || d.op === (side === 'from' ? 'delete' : 'insert'))
    .map((d, i) => [i ? ' ' : '', d.op === 'equal' ? d.text : h(side === 'from' ? 'del' : 'ins', {}, d.text)]);
}

function redlineTable(rows, showHistory, fromDoc, toDoc) {
  if (!rows.length) return h('p', {}, 'No provisions on either side.');
  const cell = (side, p, row) => h('td', { class: side },
    p ? [h('div', { class: 'muted' }, p.number ? `No. ${p.number} · ` : '',
      h('a', { href: '#', class: 'provision', onclick: (e) => { e.preventDefault(); showHistory(p.id, side === 'from' ? fromDoc : toDoc); } }, slug(p.id))),
    row.textDiff && p.text ? diffSide(row.textDiff, side) : (p.text ?? h('span', { class: 'muted' }, 'text not known')),
    row.textDiffOmitted && side === 'to' ? h('p', { class: 'muted' }, row.textDiffOmitted) : null,
    p.sources?.length ? h('div', { class: 'provision-sources' }, 'Reported by: ', sources(p.sources)) : null, inference(p)] : h('span', { class: 'muted' }, '—'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'redline' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Change'), h('th', {}, 'From'), h('th', {}, 'To'))),
    h('tbody', {}, rows.map((r) => h('tr', { class: r.change }, h('td', { class: 'change' }, badge(String(r.change).toLowerCase(), r.change)),
      cell('from', r.from, r), cell('to', r.to, r))))));
}
