import type { TFunction } from 'i18next';
import { CharterVersion, CharterAcknowledgement, type CharterRules } from './model';
import { Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { renderMarkdown } from '../content/document-markdown';
import { lineDiff } from './diff';
import { formatInZone } from '../content/time';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

interface View {
  zone: string;
  lang: 'fr' | 'en';
  t: TFunction;
  url: Url;
}

/** The addresses of the charter pages and forms of a community. */
export function charterLinks(communityId: number, url: Url) {
  const base = `/c/${communityId}/charter`;
  return { show: url(base), draft: url(base), new: url(`${base}/new`), acknowledge: url(`${base}/acknowledge`), proposals: url(`/c/${communityId}/proposals`), amend: url(`/c/${communityId}/proposals/new`, { kind: 'amendment' }) };
}

/** The decision-rules section as text, so it appears in diffs like the rest of the charter. */
export function rulesText(rules: CharterRules, t: TFunction): string {
  const erasure = rules.erasure === 'keep' ? `\n${t('privacy.charter.legend')}: ${t('privacy.charter.keep')}` : '';
  return `${t('charter.rules_legend')}: ${rules.rules.map((r) => t(`governance.rules.${r}`)).join(', ')} (${t('governance.quorum_tag', { quorum: rules.quorum })})${erasure}`;
}

/**
 * The titles of the proposals that adopted versions, by id. Proposals belong to governance, which
 * builds on the charter: it registers this lookup from src/features.ts.
 */
export type ProposalTitles = (communityId: number, ids: number[]) => Promise<Map<number, string>>;
let proposalTitles: ProposalTitles = async () => new Map();

export function installProposalTitles(lookup: ProposalTitles): void {
  proposalTitles = lookup;
}

/** Every version with who proposed it and which decision adopted it (newest first). */
export async function charterHistory(communityId: number, v: View) {
  const versions = await CharterVersion.findAll({ where: { communityId }, order: [['version', 'DESC']] });
  const members = await Membership.findAll({ where: { id: versions.map((x) => x.proposedBy).filter((x): x is number => x !== null) }, include: [{ model: User, as: 'user' }] });
  const names = new Map(members.map((m) => [m.id, m.user ? displayName(m.user) : '']));
  const titles = await proposalTitles(communityId, versions.map((x) => x.proposalId).filter((x): x is number => x !== null));
  return versions.map((x) => ({
    version: x.version,
    href: v.url(`/c/${communityId}/charter/versions/${x.version}`),
    diffHref: x.version > 1 ? v.url(`/c/${communityId}/charter/diff`, { from: x.version - 1, to: x.version }) : null,
    at: formatInZone(x.createdAt, v.zone, v.lang),
    proposedBy: x.proposedBy ? (names.get(x.proposedBy) ?? '') : '',
    proposal: x.proposalId ? { id: x.proposalId, title: titles.get(x.proposalId) ?? '', href: v.url(`/c/${communityId}/proposals/${x.proposalId}`) } : null,
  }));
}

/** One version, rendered. */
export function versionView(x: CharterVersion, t: TFunction) {
  return { version: x.version, html: renderMarkdown(x.body), rules: x.rules.rules.map((r) => ({ key: r, label: t(`governance.rules.${r}`), help: t(`governance.rule_help.${r}`, { quorum: x.rules.quorum }) })), quorum: x.rules.quorum, erasure: t(`privacy.charter.${x.rules.erasure ?? 'choice'}`) };
}

/** The diff between two versions, the decision rules included. */
export function versionDiff(a: CharterVersion, b: CharterVersion, t: TFunction) {
  return lineDiff(`${a.body}\n\n${rulesText(a.rules, t)}`, `${b.body}\n\n${rulesText(b.rules, t)}`);
}

/** Has this membership acknowledged this version? */
export async function hasAcknowledged(membershipId: number, versionId: number): Promise<boolean> {
  return (await CharterAcknowledgement.count({ where: { membershipId, charterVersionId: versionId } })) > 0;
}

/** How many members of the active roster acknowledged the version (shown to facilitators). */
export async function acknowledgementCount(versionId: number): Promise<number> {
  return CharterAcknowledgement.count({ where: { charterVersionId: versionId } });
}
