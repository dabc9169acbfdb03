import assert from 'node:assert/strict';
import { renderMarkdown } from '../../src/content/markdown';
import { LINK_REL } from '../../src/content/sanitize';
import { parseTags, tagSlug } from '../../src/content/tags';
import { queryTerms, stem, booleanModeQuery, fts5Query } from '../../src/search/terms';
import { snippetHtml } from '../../src/search/snippet';
import { indexableText } from '../../src/search/indexer';
import { checkFileName, checkUpload, contentDisposition, MAX_UPLOAD_BYTES } from '../../src/resources/files';
import { catalogKeys } from '../../src/i18n';

describe('content: Markdown rendering and sanitizing (server side)', () => {
  it('renders Markdown, shifts headings below the page outline, and gives every link rel="noopener noreferrer nofollow ugc"', () => {
    const { html } = renderMarkdown('# Titre\n\nDu **gras**, [un lien](https://example.org "t") et <https://auto.example>.');
    assert.match(html, /<h3>Titre<\/h3>/);
    assert.match(html, /<strong>gras<\/strong>/);
    const links = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
    assert.equal(links.length, 2);
    for (const a of links) assert.ok(a.includes(`rel="${LINK_REL}"`), a);
  });

  it('turns raw HTML into visible text: no script, style, iframe, form or event handler survives', () => {
    const { html } = renderMarkdown('<script>alert(1)</script><style>body{}</style><iframe src="https://x"></iframe><form><input></form><b onclick="x()">b</b>');
    for (const tag of ['<script', '<style', '<iframe', '<form', '<input', '<b ']) assert.ok(!html.includes(tag), `${tag} in ${html}`);
    assert.match(html, /&lt;script&gt;/);
  });

  it('drops javascript: and data: URLs, even disguised, and keeps only the text', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:x', '//evil.example/x']) {
      const { html } = renderMarkdown(`[click](${href})`);
      assert.ok(!/href=/.test(html), `${href} → ${html}`);
      assert.match(html, /click/);
    }
  });

  it('shows images as links (no remote image loads in posts)', () => {
    const { html } = renderMarkdown('![a chart](https://example.org/chart.png)');
    assert.ok(!html.includes('<img'));
    assert.match(html, /<a href="https:\/\/example.org\/chart.png"[^>]*>a chart<\/a>/);
  });

  it('highlights @mentions of given names in text, not in code, and escapes the names', () => {
    const { html } = renderMarkdown('Bonjour @Sophie Roy et `@Sophie Roy`', [{ name: 'Sophie Roy' }]);
    assert.equal((html.match(/class="mention"/g) ?? []).length, 1);
    const evil = renderMarkdown('Hi @<b>x</b>', [{ name: '<b>x</b>' }]);
    assert.ok(!evil.html.includes('<b>'), evil.html);
  });

  it('measures the text in characters (code points), without the markup', () => {
    assert.equal(renderMarkdown('**Été** ça').length, [...'Été ça'].length);
  });
});

describe('content: tags', () => {
  it('folds accents and case into one slug, keeps the member spelling as label', () => {
    assert.equal(tagSlug('Pédagogie différenciée'), 'pedagogie-differenciee');
    const parsed = parseTags('Pédagogie, pedagogie, #Évaluation ; TIC');
    assert.ok('tags' in parsed);
    assert.deepEqual(parsed.tags.map((t) => t.label), ['Pédagogie', 'Évaluation', 'TIC']);
  });
  it('refuses too many or badly sized tags', () => {
    assert.deepEqual(parseTags('a,b,c,d,e,f,g,h,i'.split(',').map((x) => x + x + x).join(',')), { error: 'content.errors.too_many_tags' });
    assert.deepEqual(parseTags('x'), { error: 'content.errors.tag_length' });
    assert.deepEqual(parseTags('y'.repeat(41)), { error: 'content.errors.tag_length' });
  });
});

describe('search: query terms (prefix, light stemming, accents)', () => {
  it('cuts French and English words to a stem searched as a prefix', () => {
    assert.equal(stem('pédagogie'), 'pédagog');
    assert.equal(stem('pédagogique'), 'pédagog');
    assert.equal(stem('évaluations'), 'évalu');
    assert.equal(stem('classe'), 'class');
    assert.equal(stem('projet'), 'projet');
  });
  it('drops words shorter than 3 letters and InnoDB stopwords, and builds both engines’ queries', () => {
    const terms = queryTerms('la pédagogie de ça, about élèves');
    assert.deepEqual(terms, ['pédagog', 'élèv']);
    assert.equal(booleanModeQuery(terms), '+pédagog* +élèv*');
    assert.equal(fts5Query(terms), '"pédagog"* "élèv"*');
    assert.deepEqual(queryTerms('" OR * -+ ()'), []);
  });
  it('indexes plain text as written, whitespace collapsed', () => {
    assert.equal(indexableText("l’évaluation\n d'une   tâche"), "l’évaluation d'une tâche");
  });
  it('shows the matched passage with marks, accent-insensitive, and escapes the text', () => {
    const html = snippetHtml('Une approche <b>pédagogique</b> et la PEDAGOGIE', queryTerms('pédagogie'));
    assert.equal(html, 'Une approche &lt;b&gt;<mark>pédagogique</mark>&lt;/b&gt; et la <mark>PEDAGOGIE</mark>');
  });
});

describe('resources: upload checks', () => {
  const pdf = Buffer.from('%PDF-1.7\n…');
  it('refuses path-traversal and control-character file names', () => {
    for (const name of ['../../etc/passwd.pdf', '..\\..\\win.ini.pdf', '/etc/x.pdf', 'a/b.pdf', 'x\u2215y.pdf', '.hidden.pdf', 'evil\u0000.pdf', 'bad\nname.pdf', 'rtl\u202Efdp.exe', '..pdf']) {
      const r = checkFileName(name);
      assert.equal(r.ok, false, name);
    }
    assert.deepEqual(checkFileName('Plan de cours — révisé.pdf'), { ok: true, name: 'Plan de cours — révisé.pdf' });
  });
  it('accepts an allowed type whose first bytes match, refuses the rest', () => {
    assert.equal(checkUpload({ originalname: 'plan.pdf', buffer: pdf, size: pdf.length }).ok, true);
    assert.deepEqual(checkUpload({ originalname: 'page.html', buffer: Buffer.from('<html>'), size: 6 }), { ok: false, error: 'resources.errors.file_type' });
    assert.deepEqual(checkUpload({ originalname: 'logo.svg', buffer: Buffer.from('<svg/>'), size: 6 }), { ok: false, error: 'resources.errors.file_type' });
    assert.deepEqual(checkUpload({ originalname: 'fake.pdf', buffer: Buffer.from('<script>'), size: 8 }), { ok: false, error: 'resources.errors.file_content' });
    assert.deepEqual(checkUpload({ originalname: 'big.pdf', buffer: pdf, size: MAX_UPLOAD_BYTES + 1 }), { ok: false, error: 'resources.errors.file_too_large' });
    assert.deepEqual(checkUpload({ originalname: 'notes.txt', buffer: Buffer.from([0x61, 0x00, 0x62]), size: 3 }), { ok: false, error: 'resources.errors.file_content' });
  });
  it('builds an attachment Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    assert.equal(contentDisposition('Évaluation "finale".pdf'), `attachment; filename="Evaluation _finale_.pdf"; filename*=UTF-8''%C3%89valuation%20%22finale%22.pdf`);
  });
});

describe('catalogs', () => {
  it('FR and EN have the same keys (the sharing catalogs included)', () => {
    const fr = catalogKeys('fr').map((k) => k.replace(/_(one|other|many)$/, ''));
    const en = catalogKeys('en').map((k) => k.replace(/_(one|other|many)$/, ''));
    assert.deepEqual([...new Set(fr)], [...new Set(en)]);
    for (const prefix of ['content.', 'discussions.', 'journal.', 'resources.', 'search.']) assert.ok(en.some((k) => k.startsWith(prefix)), prefix);
  });
});
