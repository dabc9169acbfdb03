/**
 * PD categories, following the Québec frame for teachers' continuing education (Education Act
 * s.22.0.1: 30 hours every two school years, activities the teacher chooses — training, peer
 * activities, professional reading, classroom experimentation, conferences). Keys are stable
 * (stored in the ledger, exported in CSV); labels live in the catalogs (`pd.category.<key>`).
 * CoPeR's own meetings are peer activity in a community of practice: `pairs`.
 */
export const PD_CATEGORIES = ['formation', 'lecture', 'pairs', 'observation', 'experimentation', 'colloque', 'autre'] as const;
export type PdCategory = (typeof PD_CATEGORIES)[number];

/** The category of hours earned by attending a community meeting. */
export const MEETING_CATEGORY: PdCategory = 'pairs';

/** Categories a member may declare (reading, a practice trial, a peer observation…). */
export const DECLARABLE: readonly PdCategory[] = PD_CATEGORIES;
