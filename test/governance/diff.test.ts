import assert from 'node:assert/strict';
import { lineDiff } from '../../src/charter/diff';

describe('charter comparison (word level, whitespace ignored)', () => {
  it('shows a line whose spacing changed as unchanged, never as removed and added', () => {
    const rows = lineDiff('## Participation\n\nWe take part as volunteers.\n', '## Participation  \r\n\r\nWe take  part as volunteers.');
    assert.ok(rows.every((r) => r.kind === 'same'), JSON.stringify(rows));
  });

  it('shows a reworded line once, with the words struck and inserted', () => {
    const rows = lineDiff('We respect all points of view.\nWe meet monthly.', 'We respect every point of view.\nWe meet monthly.');
    assert.deepEqual(rows.map((r) => r.kind), ['changed', 'same']);
    const words = rows[0].parts.filter((p) => p.kind !== 'same');
    assert.ok(words.some((w) => w.kind === 'removed' && w.text.includes('all')), JSON.stringify(words));
    assert.ok(words.some((w) => w.kind === 'added' && w.text.includes('every')), JSON.stringify(words));
    assert.ok(rows[0].parts.some((p) => p.kind === 'same' && p.text.includes('We respect')), 'unchanged words stay plain');
  });

  it('lists a new section as added lines, with no empty "Added:" line', () => {
    const rows = lineDiff('## A\n\nText.', '## A\n\nText.\n\n## Confidentiality\n\nWhat is said here stays here.');
    const added = rows.filter((r) => r.kind === 'added');
    assert.deepEqual(added.map((r) => r.text), ['## Confidentiality', 'What is said here stays here.']);
    assert.ok(rows.every((r) => r.kind === 'same' || r.text.trim() !== ''), 'no blank line is added or removed');
  });
});
