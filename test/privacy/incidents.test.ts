import assert from 'node:assert/strict';
import { harness } from '../helpers/harness';
import { PrivacyIncident } from '../../src/privacy/model';
import { applyRetention } from '../../src/privacy/retention';
import { foreignKeys } from '../../src/privacy/graph';
import { cli } from './helpers';

describe('privacy: the confidentiality-incident register', () => {
  it('`privacy incident add` records an incident, refuses an incomplete one without writing, `list` and `export` give it back', async () => {
    const h = await harness();
    const before = await PrivacyIncident.count();
    const bad = await cli(h, ['privacy', 'incident', 'add', '--date', '2026-11-30', '--nature', 'E-mail sent to the wrong list', '--risk', 'serious']);
    assert.equal(bad.code, 2, bad.stdout);
    assert.match(bad.stderr, /--data/);
    assert.equal(await PrivacyIncident.count(), before, 'nothing written');
    const unnotified = await cli(h, ['privacy', 'incident', 'add', '--date', '2026-11-30', '--nature', 'Digest sent to the wrong list', '--data', 'names, e-mails', '--people', '12 members', '--risk', 'serious', '--assessment', 'Sensitive', '--measures', 'Recalled']);
    assert.equal(unnotified.code, 2);
    assert.match(unnotified.stderr, /--notified/);

    const ok = await cli(h, [
      'privacy', 'incident', 'add', '--date', '2026-11-30', '--discovered', '2026-12-01',
      '--nature', 'Un condensé envoyé à la mauvaise liste', '--data', 'noms, courriels', '--people', '12 membres d’une communauté',
      '--risk', 'low', '--assessment', 'Destinataires internes; aucune donnée sensible', '--measures', 'Liste corrigée; rappel du message',
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Recorded incident #\d+ of 2026-11-30 \(risk: low\)/);
    assert.equal(await PrivacyIncident.count(), before + 1);
    const list = await cli(h, ['privacy', 'incident', 'list']);
    assert.match(list.stdout, /2026-11-30 +risk=low +Un condensé envoyé/);
    const csv = await cli(h, ['privacy', 'incident', 'export']);
    assert.equal(csv.code, 0);
    assert.match(csv.stdout, /^\uFEFFid,occurred_on,discovered_on,nature,data_concerned,people_concerned,risk,risk_assessment,measures,notifications,recorded_at/);
    assert.match(csv.stdout, /2026-11-30,2026-12-01,Un condensé envoyé à la mauvaise liste/);
    const json = JSON.parse((await cli(h, ['privacy', 'incident', 'export', '--format', 'json'])).stdout) as { version: number; incidents: Array<{ risk: string }> };
    assert.equal(json.version, 1);
    assert.ok(json.incidents.some((i) => i.risk === 'low'));
  });

  it('is kept apart from community data and untouched by retention, even years later', async () => {
    const h = await harness();
    const old = await PrivacyIncident.create({ occurredOn: '2022-01-10', discoveredOn: '2022-01-10', nature: 'Old incident', dataConcerned: 'x', peopleConcerned: 'y', risk: 'low', riskAssessment: 'z', measures: 'w' });
    await h.runtime.sequelize.query('UPDATE privacy_incidents SET created_at = ?, updated_at = ? WHERE id = ?', { replacements: [new Date('2022-01-10'), new Date('2022-01-10'), old.id] });
    await applyRetention(h.runtime.sequelize, h.config);
    assert.ok(await PrivacyIncident.findByPk(old.id));
    const fks = (await foreignKeys(h.runtime.sequelize)).filter((f) => f.table === 'privacy_incidents');
    assert.deepEqual(fks, [], 'no link to communities or people');
  });
});
