// The router: one shell for every page route; each page module renders into <main>.
import { h, replace } from './dom.js';
import { ApiError } from './api.js';

const routes = [
  [/^\/$/, () => import('./negotiations.js'), () => []],
  [/^\/n\/([^/]+)\/state$/, () => import('./state.js'), (m) => [decodeURIComponent(m[1])]],
  [/^\/n\/([^/]+)$/, () => import('./timeline.js'), (m) => [decodeURIComponent(m[1])]],
  [/^\/d\/([^/]+)$/, () => import('./drafts.js'), (m) => [decodeURIComponent(m[1])]],
  [/^\/record$/, () => import('./record.js'), () => []],
];

export function crumbs(...links) {
  replace(document.getElementById('crumbs'), links.map(([href, text]) => [' › ', h('a', { href }, text)]));
}

export function showError(main, error) {
  const problem = error instanceof ApiError ? error.problem : {};
  const box = h('div', { class: 'problem', role: 'alert' },
    h('h2', {}, error.status === 404 ? 'Not found' : 'Something went wrong'),
    h('p', {}, error.message || String(error)),
    problem.type ? h('p', { class: 'muted' }, problem.type) : null);
  if (error.status === 401) {
    // A deployment with projection.read-token: the reader gives it once for this tab.
    const input = h('input', { type: 'password', id: 'read-token', autocomplete: 'off' });
    box.append(h('form', { onsubmit: (e) => { e.preventDefault(); sessionStorage.setItem('read-token', input.value.trim()); location.reload(); } },
      h('label', { for: 'read-token' }, 'Read token '), input, ' ', h('button', {}, 'Use it')));
  }
  replace(main, box);
}

async function route() {
  const main = document.getElementById('main');
  for (const [pattern, load, args] of routes) {
    const m = location.pathname.match(pattern);
    if (m) {
      try {
        const page = await load();
        await page.render(main, ...args(m));
      } catch (e) {
        console.error(e);
        showError(main, e);
      }
      return;
    }
  }
  showError(main, { status: 404, message: `No page at ${location.pathname}` });
}

route();
