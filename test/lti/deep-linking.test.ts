import assert from 'node:assert/strict';
import { harness, newCourse, field, type Harness } from '../helpers/harness';
import { Cohort, Community } from '../../src/kernel/community';

describe('deep linking: adding CoPeR through the LMS content picker', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('creates a community and returns a signed LtiResourceLink with a participation line item, which then launches into it', async () => {
    const course = newCourse(h.moodle);
    const picker = await h.launch({ userId: 'instructor', courseId: course, messageType: 'LtiDeepLinkingRequest' });
    assert.equal(picker.status, 200, picker.text.slice(0, 300));
    assert.match(picker.url, /\/deep-linking$/);
    assert.match(picker.text, /Ajouter CoPeR au cours/);
    const courseTitle = h.moodle.courses.get(course)!.title;
    assert.match(picker.text, new RegExp(`id="title" name="title"[^>]*value="${courseTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`), 'the community name starts as the course name, as on the setup page');
    const returned = await picker.agent.fetch(`${h.toolUrl}/deep-linking`, {
      method: 'POST',
      form: { _csrf: field(picker.text, '_csrf'), choice: 'new', title: 'Communauté des conseillères', purpose: 'Échanger sur nos pratiques de conseil pédagogique.' },
    });
    assert.equal(returned.status, 200);
    const back = await picker.agent.submitAutoForm(returned);
    assert.equal(back.status, 200, back.text.slice(0, 300));
    const received = h.moodle.deepLinkReturns.at(-1)!;
    assert.equal(received.items.length, 1);
    assert.equal(received.items[0].type, 'ltiResourceLink');
    assert.equal(received.items[0].title, 'Communauté des conseillères');
    assert.ok(received.items[0].lineItem, 'a participation line item is requested');
    assert.equal(received.items[0].lineItem.scoreMaximum, 30, 'out of the participation target (30 by default), not 100');
    const community = await Community.findOne({ where: { title: 'Communauté des conseillères' } });
    assert.ok(community);
    assert.equal((await Cohort.findOne({ where: { contextId: course } }))!.communityId, community!.id);
    const lineItem = [...h.moodle.lineItems.values()].find((li) => li.courseId === course);
    assert.ok(lineItem, 'the platform created the line item');
    const placed = [...h.moodle.resourceLinks.values()].find((rl) => rl.courseId === course && rl.id !== `rl-${course}`)!;
    const learner = await h.launch({ userId: 'learner1', courseId: course, resourceLinkId: placed.id });
    assert.match(learner.url, new RegExp(`/c/${community!.id}$`));
  });

  it('offers the communities the instructor facilitates and links the course to the chosen one', async () => {
    const first = newCourse(h.moodle);
    const picker1 = await h.launch({ userId: 'ta', courseId: first, messageType: 'LtiDeepLinkingRequest' });
    const r1 = await picker1.agent.fetch(`${h.toolUrl}/deep-linking`, {
      method: 'POST',
      form: { _csrf: field(picker1.text, '_csrf'), choice: 'new', title: 'Réseau des TA', purpose: 'Une communauté pour les assistants.' },
    });
    await picker1.agent.submitAutoForm(r1);
    const community = await Community.findOne({ where: { title: 'Réseau des TA' } });
    const second = newCourse(h.moodle);
    const picker2 = await h.launch({ userId: 'ta', courseId: second, messageType: 'LtiDeepLinkingRequest' });
    assert.match(picker2.text, /Réseau des TA/);
    const r2 = await picker2.agent.fetch(`${h.toolUrl}/deep-linking`, {
      method: 'POST',
      form: { _csrf: field(picker2.text, '_csrf'), choice: 'existing', communityId: String(community!.id) },
    });
    assert.equal(r2.status, 200);
    assert.equal((await Cohort.findOne({ where: { contextId: second } }))!.communityId, community!.id);
  });

  it('refuses the picker to a learner', async () => {
    const course = newCourse(h.moodle);
    const res = await h.launch({ userId: 'learner1', courseId: course, messageType: 'LtiDeepLinkingRequest' });
    assert.equal(res.status, 403);
  });
});
