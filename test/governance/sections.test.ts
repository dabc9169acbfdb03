import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { facilitatedCommunity, CHARTER_FORM, localIn, type Member } from './helpers';
import { splitSections, joinSections, sectionsFromForm } from '../../src/charter/sections';
import { Proposal } from '../../src/governance/model';

describe('charter amendments section by section, with a preview', () => {
  it('splits a charter on its headings and puts it back together (pure)', () => {
    const body = 'Préambule.\n\n## Participation\n\nNous participons.\n\n## Respect\n\n- Écouter\n- Répondre';
    const sections = splitSections(body);
    assert.deepEqual(sections.map((s) => s.heading), ['', 'Participation', 'Respect']);
    assert.equal(joinSections(sections), body);
    assert.equal(sectionsFromForm({ section_heading_0: 'A', section_text_0: 'Un.', section_heading_1: '', section_text_1: '', section_heading_2: 'B\nC', section_text_2: 'Deux.' }), '## A\n\nUn.\n\n## B C\n\nDeux.');
    assert.equal(sectionsFromForm({ charterBody: 'x' }), null);
  });

  describe('over HTTP', () => {
    let h: Harness;
    let cid: number;
    let fac: Member;
    let nadia: Member;
    before(async () => {
      h = await harness();
      ({ cid, fac, nadia } = await facilitatedCommunity(h));
      await fac.post(`/c/${cid}/charter`, CHARTER_FORM);
    });

    it('offers one heading and one text per section, plus an empty one to add a section, in plain text fields', async () => {
      const form = await nadia.get(`/c/${cid}/proposals/new`, { kind: 'amendment' });
      assert.match(form.text, /name="section_heading_0" maxlength="200" value="Participation"/);
      assert.match(form.text, /<textarea id="st-0" name="section_text_0" rows="6" class="prose">We take part as volunteers/);
      assert.match(form.text, /name="section_heading_1"[^>]*value=""/);
      assert.doesNotMatch(form.text, /name="charterBody"/);
    });

    it('previews the amended charter rendered, with the changes, and writes nothing', async () => {
      const before = await Proposal.count({ where: { communityId: cid } });
      const res = await nadia.post(`/c/${cid}/proposals`, {
        kind: 'amendment', rule: 'consent', title: 'Confidentialité', body: 'Nécessaire.', deadline: localIn(60), rule_consent: 'on', quorum: '50',
        section_heading_0: 'Participation', section_text_0: 'We take part as volunteers and respect every point of view.',
        section_heading_1: 'Confidentiality', section_text_1: 'What is said here **stays** here.',
        preview: '1',
      });
      assert.equal(res.status, 200);
      assert.match(res.text, /id="preview-t"/);
      assert.match(res.text, /<h2[^>]*>Confidentiality<\/h2>[\s\S]*<strong>stays<\/strong>/);
      assert.match(res.text, /<ins class="d-add"><span class="sr-only">[^<]*<\/span>## Confidentiality<\/ins>/);
      assert.match(res.text, /name="section_heading_1"[^>]*value="Confidentiality"/, 'the draft is kept in the form');
      assert.equal(await Proposal.count({ where: { communityId: cid } }), before);
    });

    it('opens the amendment with the sections put together', async () => {
      const res = await nadia.post(`/c/${cid}/proposals`, {
        kind: 'amendment', rule: 'consent', title: 'Confidentialité', body: 'Nécessaire.', deadline: localIn(60), rule_consent: 'on', quorum: '50',
        section_heading_0: 'Participation', section_text_0: 'We take part as volunteers and respect every point of view.',
        section_heading_1: 'Confidentiality', section_text_1: 'What is said here stays here.',
      });
      assert.equal(res.status, 200, res.text.slice(0, 300));
      const p = await Proposal.findOne({ where: { communityId: cid, kind: 'amendment' }, order: [['id', 'DESC']] });
      assert.equal(p!.amendment!.body, '## Participation\n\nWe take part as volunteers and respect every point of view.\n\n## Confidentiality\n\nWhat is said here stays here.');
    });
  });
});
