import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { PDFParse } from 'pdf-parse';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, type Member } from '../helpers/sharing';
import { PdEntry } from '../../src/pd/model';
import { PdAttestation, normalizeCode } from '../../src/pd/attestation';
import { longDate } from '../../src/pd/export';
import { cycleOf, today } from '../../src/pd/cycles';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('PD attestation an employer accepts: organiser, signature, Act, verification code and /verify/:code', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  let alex: Member;
  let code = '';
  const cycle = cycleOf(today());

  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    const marie = await c.as('instructor');
    alex = await c.as('learner1');
    await alex.post(`${c.base}/pd/declarations`, { category: 'lecture', date: DateTime.now().toISODate()!, hours: '1.5', title: 'Lecture confidentielle sur la rétroaction' });
    const entry = (await PdEntry.findOne({ where: { communityId: c.communityId, status: 'pending' } }))!;
    await marie.post(`${c.base}/pd/entries/${entry.id}/review`, { decision: 'approve' });
  });

  it('writes French dates with the ordinal "1er" and English ones as usual', () => {
    assert.equal(longDate('fr', '2025-07-01'), '1er juillet 2025');
    assert.equal(longDate('fr', '2027-06-30'), '30 juin 2027');
    assert.equal(longDate('en', '2025-07-01'), 'July 1, 2025');
  });

  it('prints the organiser, institution, holder, period, activities, the Education Act, the signature block and a verification code', async () => {
    const en = await alex.download(`${c.base}/pd/transcript.pdf`, { lang: 'en' });
    assert.equal(en.status, 200);
    assert.equal(en.headers.get('content-type'), 'application/pdf');
    const text = await pdfText(en.bytes);
    assert.match(text, /Organised by: Enseigner en réseau/);
    assert.match(text, /Institution: \S+/);
    assert.match(text, /Issued to: Alex Smith/);
    assert.match(text, /Lecture confidentielle sur la rétroaction/);
    assert.match(text, /Education Act \(CQLR, c\. I-13\.3\), section 22\.0\.1/);
    assert.match(text, /Facilitator: Marie Tremblay/);
    assert.match(text, /Signature: _+/);
    const m = /Verification code: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text);
    assert.ok(m, text);
    code = m[1];
    assert.ok(text.includes(`${h.toolUrl}/verify/${code}`), 'the verification address is printed');
    const fr = await pdfText((await alex.download(`${c.base}/pd/transcript.pdf`, { lang: 'fr' })).bytes);
    assert.ok(fr.includes(`Du ${longDate('fr', cycle.start)} au ${longDate('fr', cycle.end)}`));
    assert.match(fr, /Du 1er juillet \d{4} au 30 juin \d{4}/);
    assert.match(fr, /Loi sur l’instruction publique/);
    assert.match(fr, /Personne responsable de l’animation\s:\sMarie Tremblay/);
    assert.ok(fr.includes(code), 'the same attestation keeps its code');
    assert.equal(await PdAttestation.count({ where: { communityId: c.communityId } }), 1);
  });

  it('confirms a code on a public page, in the reader’s language, showing nothing beyond the attestation’s header', async () => {
    const res = await fetch(`${h.toolUrl}/verify/${code.toLowerCase()}`, { headers: { 'accept-language': 'fr-CA' } });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /Cette attestation est authentique/);
    assert.match(html, /Alex Smith/);
    // The transcript spans every community of the person on this platform (other suites add hours too).
    const total = (await PdAttestation.findOne({ where: { communityId: c.communityId } }))!.totalMinutes / 60;
    assert.ok(total >= 1.5);
    assert.ok(html.includes(`${total.toLocaleString('fr-CA', { maximumFractionDigits: 2 })} h`));
    assert.match(html, /Enseigner en réseau/);
    assert.match(html, /1er juillet/);
    assert.doesNotMatch(html, /Lecture confidentielle/, 'no activity is shown');
    assert.doesNotMatch(html, /alex\.smith@example\.org/);
    assert.equal(res.headers.get('x-robots-tag'), 'noindex');
    const en = await (await fetch(`${h.toolUrl}/verify/${code}?lang=en`)).text();
    assert.match(en, /This attestation is authentic/);
  });

  it('answers an unknown or malformed code with a friendly 404, never a stack trace', async () => {
    for (const bad of ['0000-0000-0000', 'not-a-code', `${'Z'.repeat(60)}`, '%3Cscript%3E']) {
      const res = await fetch(`${h.toolUrl}/verify/${bad}`);
      assert.equal(res.status, 404, bad);
      const html = await res.text();
      assert.match(html, /No attestation has this code|Aucune attestation ne porte ce code/);
      assert.doesNotMatch(html, /at .*\.ts:\d+|<script>/);
    }
    assert.equal(normalizeCode('abcd-efgh-jkmn'), 'ABCDEFGHJKMN');
    assert.equal(normalizeCode('ab'), null);
  });
});
