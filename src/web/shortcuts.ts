import { Router } from 'express';
import type { Config } from '../config';
import { sessionRequired, communityMember } from './session';
import { actorOf } from '../kernel/actor';

/**
 * The keyboard shortcuts public/js/shortcuts.js answers, as the help page lists them. Single keys
 * without modifiers (as Discourse and GitHub do): screen readers in browse mode keep such keys for
 * their own navigation and never pass them to the page, and none fires while typing in a field.
 */
export const SHORTCUTS: Array<{ keys: string[]; labelKey: string }> = [
  { keys: ['?'], labelKey: 'shortcuts.help' },
  { keys: ['/'], labelKey: 'shortcuts.search' },
  { keys: ['j'], labelKey: 'shortcuts.next' },
  { keys: ['k'], labelKey: 'shortcuts.prev' },
  { keys: ['n'], labelKey: 'shortcuts.unread' },
  { keys: ['r'], labelKey: 'shortcuts.reply' },
  { keys: ['g', 'h'], labelKey: 'shortcuts.home' },
  { keys: ['g', 'd'], labelKey: 'shortcuts.discussions' },
];

/** The help page of the shortcuts (reachable with "?" and from every page's footer). */
export function shortcutRoutes(config: Config): Router {
  const r = Router();
  r.get('/c/:communityId/shortcuts', sessionRequired(config), communityMember, (req, res) => {
    actorOf(req.ctx);
    res.render('content/shortcuts', { title: req.ctx!.t('shortcuts.title'), shortcuts: SHORTCUTS });
  });
  return r;
}
