/**
 * The platform's HTML: a shell page (courses, members, launch buttons, the tool's iframe,
 * deep-linking returns and grades) and the auto-submitting forms of the OIDC flow.
 * Every interpolated value goes through `esc`.
 */

/** Escapes text for HTML content and double-quoted attributes. */
export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b}header,main,footer{padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}
a.button,button{display:inline-block;padding:.2rem .6rem;border:1px solid #0b57d0;border-radius:4px;color:#0b57d0;background:#fff;text-decoration:none;font:inherit;cursor:pointer}
a:focus,button:focus,select:focus{outline:3px solid #e37400;outline-offset:2px}iframe{width:100%;height:80vh;border:1px solid #888}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

/** A complete page. */
export function layout(title: string, body: string, lang = 'fr'): string {
  return `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/**
 * A page that POSTs hidden fields at once, as LMSs do for login initiation and the
 * OIDC form_post response (OpenID Connect Form Post Response Mode); the button covers
 * browsers without scripts.
 */
export function autoPostForm(action: string, fields: Record<string, string>, title: string): string {
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('\n');
  return layout(title, `<main><form action="${esc(action)}" method="post">
${inputs}
<noscript><p>${esc(title)}</p><button type="submit">Continuer / Continue</button></noscript>
</form></main><script>document.forms[0].submit()</script>`);
}

/** A short message page (errors, confirmations). */
export function messagePage(title: string, lines: string[]): string {
  return layout(title, `<main><h1>${esc(title)}</h1>${lines.map((l) => `<p>${esc(l)}</p>`).join('')}</main>`);
}

/** Plain data for the home page. */
export interface HomeView {
  title: string;
  /** Absolute base URL, so links work when the app is mounted under a prefix. */
  base: string;
  flavour: string;
  toolRegistered: boolean;
  courses: Array<{
    id: string; title: string; label: string;
    members: Array<{ id: string; name: string; roles: string; email: string; locale: string; instructor: boolean }>;
    links: Array<{ id: string; title: string }>;
  }>;
  deepLinks: Array<{ titles: string; at: string }>;
  lineItems: Array<{ label: string; courseId: string; scoreMaximum: number; scores: Array<{ userId: string; score: string; progress: string; comment: string; timestamp: string }> }>;
}

/** The platform's home page; `extra` goes beside the tool's iframe (Canvas: the storage frame, src/devplatform/storage.ts). */
export function homePage(v: HomeView, extra = ''): string {
  const warning = v.toolRegistered ? '' : '<p role="alert">Aucun outil inscrit / No tool registered.</p>';
  return layout(v.title, `<header><h1>${esc(v.title)}</h1><p>Saveur / Flavour : <strong>${esc(v.flavour)}</strong></p>${warning}</header>
<main>${v.courses.map((c) => courseSection(v.base, c)).join('')}
<section aria-labelledby="tool-h"><h2 id="tool-h">Outil / Tool</h2>
<iframe name="tool" title="Outil LTI lancé / Launched LTI tool" src="about:blank" allow="fullscreen"></iframe>${extra}</section>
${deepLinksSection(v.deepLinks)}${gradesSection(v.lineItems)}</main>
<footer><p><a href="${esc(v.base)}/jwks">JWKS</a></p></footer>`);
}

function courseSection(base: string, c: HomeView['courses'][number]): string {
  const q = (m: { id: string }, extra = '') => `${esc(base)}/launch?user=${encodeURIComponent(m.id)}&amp;course=${encodeURIComponent(c.id)}${extra}`;
  const rows = c.members.map((m) => `<tr><th scope="row">${esc(m.name)}</th><td>${esc(m.roles)}</td><td>${esc(m.email)}</td><td>${esc(m.locale)}</td>
<td><a class="button" href="${q(m)}" target="tool">Lancer / Launch<span class="visually-hidden"> — ${esc(m.name)}</span></a>
<a href="${q(m)}" target="_blank" rel="noopener">nouvel onglet / new tab</a>
${m.instructor ? `<a class="button" href="${q(m, '&amp;type=deeplink')}" target="tool">Ajouter via le sélecteur de contenu / Add via content picker (Deep Linking)</a>` : ''}</td></tr>`).join('\n');
  const options = c.members.map((m) => `<option value="${esc(m.id)}">${esc(m.name)}</option>`).join('');
  const links = c.links.map((l, i) => `<li><form action="${esc(base)}/launch" method="get" target="tool"><input type="hidden" name="course" value="${esc(c.id)}">
<input type="hidden" name="resource_link" value="${esc(l.id)}">${esc(l.title)} — <label for="u-${esc(c.id)}-${i}">en tant que / as</label>
<select id="u-${esc(c.id)}-${i}" name="user">${options}</select> <button type="submit">Lancer / Launch</button></form></li>`).join('');
  return `<section aria-labelledby="c-${esc(c.id)}"><h2 id="c-${esc(c.id)}">${esc(c.title)} (${esc(c.label)})</h2>
<table><caption>Membres / Members</caption><thead><tr><th scope="col">Nom / Name</th><th scope="col">Rôles / Roles</th>
<th scope="col">Courriel / Email</th><th scope="col">Langue / Locale</th><th scope="col">Actions</th></tr></thead><tbody>${rows}</tbody></table>
<h3>Activités / Activities</h3><ul>${links}</ul></section>`;
}

function deepLinksSection(d: HomeView['deepLinks']): string {
  if (d.length === 0) return '';
  const rows = d.map((r) => `<tr><td>${esc(r.at)}</td><td>${esc(r.titles)}</td></tr>`).join('');
  return `<section aria-labelledby="dl-h"><h2 id="dl-h">Retours du sélecteur / Deep-linking returns</h2>
<table><thead><tr><th scope="col">Reçu / Received</th><th scope="col">Contenu / Items</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function gradesSection(items: HomeView['lineItems']): string {
  if (items.length === 0) return '';
  const tables = items.map((li) => {
    const rows = li.scores.map((s) => `<tr><th scope="row">${esc(s.userId)}</th><td>${esc(s.score)}</td><td>${esc(s.progress)}</td><td>${esc(s.comment)}</td><td>${esc(s.timestamp)}</td></tr>`).join('');
    return `<table><caption>${esc(li.label)} (${esc(li.courseId)}, /${esc(li.scoreMaximum)})</caption><thead><tr><th scope="col">Utilisateur / User</th>
<th scope="col">Note / Score</th><th scope="col">Progression / Progress</th><th scope="col">Commentaire / Comment</th><th scope="col">Horodatage / Timestamp</th></tr></thead><tbody>${rows}</tbody></table>`;
  }).join('');
  return `<section aria-labelledby="g-h"><h2 id="g-h">Carnet de notes / Gradebook</h2>${tables}</section>`;
}
