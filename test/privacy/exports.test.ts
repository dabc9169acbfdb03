import assert from 'node:assert/strict';
import fs from 'node:fs';
import { User } from '../../src/users/model';
import { Notification } from '../../src/notifications/model';
import { Membership } from '../../src/kernel/community';
import { exportPath, runQueuedExports } from '../../src/privacy/exports';
import { PrivacyExport } from '../../src/privacy/export-model';
import { applyRetention } from '../../src/privacy/retention';
import { privacyCommunity, download, unzip, ok } from './helpers';

describe('privacy: exports prepared in the background', () => {
  it('queue, progress, a notification when ready, a file for the member alone, removed when it expires', async () => {
    const c = await privacyCommunity();
    const h = c.h;
    const zoe = await c.as(c.person.id);
    const alex = await c.as('learner1');
    const user = (await User.findOne({ where: { sub: c.person.id } }))!;
    const asked = await zoe.post(`${c.base}/my-data/exports`);
    ok(asked, 'queue');
    assert.match(asked.text, /Your export is being prepared/);
    assert.match(asked.text, /<progress id="export-\d+" max="100" value="0">/);
    ok(await zoe.post(`${c.base}/my-data/exports`), 'asking twice');
    const queued = (await PrivacyExport.findOne({ where: { userId: user.id } }))!;
    const polled = await zoe.get(`${c.base}/my-data/exports/${queued.id}/status`);
    assert.deepEqual(JSON.parse(polled.text), { status: 'queued', progress: 0 });
    assert.equal((await alex.get(`${c.base}/my-data/exports/${queued.id}/status`)).status, 404, 'nobody else sees its progress');
    assert.equal(await PrivacyExport.count({ where: { userId: user.id } }), 1, 'one export at a time');

    assert.ok((await runQueuedExports(h.runtime.sequelize, h.config)) >= 1);
    const row = (await PrivacyExport.findOne({ where: { userId: user.id } }))!;
    assert.equal(row.status, 'ready');
    assert.equal(row.progress, 100);
    assert.ok(row.expiresAt!.getTime() > Date.now() + (h.config.RETENTION_EXPORT_HOURS - 1) * 3600_000);
    const file = exportPath(h.config, row.fileKey!);
    assert.ok(fs.existsSync(file));
    const mid = (await Membership.findOne({ where: { userId: user.id, communityId: c.communityId } }))!.id;
    assert.equal(await Notification.count({ where: { membershipId: mid, kind: 'privacy.export_ready' } }), 1, 'the member is notified');

    const page = await zoe.get(`${c.base}/my-data`);
    assert.match(page.text, /Download my data \(available until/);
    const got = await download(h, zoe, `${c.base}/my-data/exports/${row.id}`);
    assert.equal(got.status, 200);
    assert.ok(unzip(got.bytes).has('README.txt'));
    assert.equal((await download(h, alex, `${c.base}/my-data/exports/${row.id}`)).status, 404, 'nobody else can fetch it');
    assert.equal((await download(h, zoe, `${c.base}/my-data/exports/abc`)).status, 400);

    await row.update({ expiresAt: new Date(Date.now() - 1000) });
    assert.equal((await download(h, zoe, `${c.base}/my-data/exports/${row.id}`)).status, 404, 'expired');
    const dry = await applyRetention(h.runtime.sequelize, h.config, { dryRun: true });
    assert.ok(dry.exports >= 1);
    assert.ok(fs.existsSync(file), 'a dry run keeps it');
    await applyRetention(h.runtime.sequelize, h.config);
    assert.equal(await PrivacyExport.findByPk(row.id), null);
    assert.ok(!fs.existsSync(file), 'the file is removed with it');
  });
});
