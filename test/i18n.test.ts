import assert from 'node:assert/strict';
import { catalogKeys, translator } from '../src/i18n';

describe('FR and EN catalogs', () => {
  it('have exactly the same keys', () => {
    const fr = catalogKeys('fr');
    const en = catalogKeys('en');
    assert.deepEqual(fr.filter((k) => !en.includes(k)), [], 'keys only in French');
    assert.deepEqual(en.filter((k) => !fr.includes(k)), [], 'keys only in English');
  });

  it('translate with Québec usage and plurals', () => {
    assert.equal(translator('fr')('home.greeting', { name: 'Nadia' }), 'Bonjour Nadia!');
    assert.equal(translator('en')('roles_plural.member', { count: 2 }), 'members');
    assert.equal(translator('fr')('roles_plural.member', { count: 2 }), 'membres');
  });
});
