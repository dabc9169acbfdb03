/**
 * The words of the seed texts: French (Québec usage) and English phrases about three practices a
 * community of practice gathers — teaching, nursing and academic advising — plus topics they share.
 * Noun phrases carry their article, so templates never need elision rules.
 */
export type Lang = 'fr' | 'en';
export type Domain = 'teaching' | 'nursing' | 'advising';
export const DOMAINS: Domain[] = ['teaching', 'nursing', 'advising'];

/** Slots a sentence template may use. */
export interface Lexicon {
  topic: string[];
  practice: string[];
  context: string[];
  people: string[];
  outcome: string[];
  tags: string[];
}

type ByLang = Record<Lang, Lexicon>;

const teaching: ByLang = {
  fr: {
    topic: ['l’évaluation formative', 'la différenciation pédagogique', 'la gestion de classe', 'la rétroaction écrite', 'la lecture au primaire', 'la motivation scolaire', 'le travail d’équipe entre élèves', 'la pédagogie par projet', 'les devoirs', 'la résolution de problèmes en mathématiques', 'l’écriture en sciences', 'l’inclusion des élèves HDAA', 'la correction des examens', 'les transitions entre les activités'],
    practice: ['une grille d’évaluation coconstruite', 'des billets de sortie', 'un journal de lecture', 'les cercles littéraires', 'un tableau de suivi des apprentissages', 'la classe inversée', 'des stations de travail', 'un contrat d’apprentissage', 'la rétroaction par les pairs', 'des capsules vidéo', 'un portfolio numérique', 'des routines de début de cours'],
    context: ['en troisième secondaire', 'au premier cycle du primaire', 'en classe multiniveau', 'au cégep', 'en adaptation scolaire', 'en formation à distance', 'en francisation', 'à l’éducation des adultes'],
    people: ['mes élèves', 'les élèves en difficulté', 'les parents', 'les collègues du département', 'les stagiaires', 'les orthopédagogues'],
    outcome: ['plus d’engagement en classe', 'des travaux mieux structurés', 'moins de retards dans les remises', 'des échanges plus riches', 'une meilleure autonomie', 'des résultats plus stables'],
    tags: ['Évaluation', 'Rétroaction', 'Différenciation', 'Gestion de classe', 'Lecture', 'Numérique', 'Motivation', 'Inclusion', 'Mathématiques', 'Écriture'],
  },
  en: {
    topic: ['formative assessment', 'differentiated instruction', 'classroom management', 'written feedback', 'early reading', 'student motivation', 'group work', 'project-based learning', 'homework', 'problem solving in math', 'writing in science', 'inclusive classrooms', 'grading exams', 'transitions between activities'],
    practice: ['a co-designed rubric', 'exit tickets', 'a reading log', 'literature circles', 'a learning tracker', 'the flipped classroom', 'learning stations', 'a learning contract', 'peer feedback', 'short video lessons', 'a digital portfolio', 'start-of-class routines'],
    context: ['in grade 9', 'in first grade', 'in a multi-grade class', 'at the college level', 'in special education', 'in online courses', 'with newcomers learning French', 'in adult education'],
    people: ['my students', 'struggling students', 'parents', 'my department colleagues', 'student teachers', 'resource teachers'],
    outcome: ['more engagement in class', 'better structured work', 'fewer late submissions', 'richer discussions', 'more autonomy', 'steadier results'],
    tags: ['Assessment', 'Feedback', 'Differentiation', 'Classroom management', 'Reading', 'Digital tools', 'Motivation', 'Inclusion', 'Math', 'Writing'],
  },
};

const nursing: ByLang = {
  fr: {
    topic: ['la transmission au changement de quart', 'la prévention des chutes', 'le soulagement de la douleur', 'l’accueil des nouvelles infirmières', 'la simulation clinique', 'les soins palliatifs', 'l’hygiène des mains', 'la communication avec les familles', 'le préceptorat des stagiaires', 'la gestion des plaies', 'la double vérification des médicaments', 'la prévention du délirium'],
    practice: ['la méthode SBAR', 'une liste de vérification au chevet', 'un protocole de double vérification', 'des rencontres éclair en début de quart', 'une fiche de suivi de la douleur', 'la simulation haute fidélité', 'un carnet d’accueil', 'des rondes interprofessionnelles', 'le jumelage avec une infirmière d’expérience', 'un outil de dépistage du délirium'],
    context: ['à l’unité de médecine', 'aux soins intensifs', 'en CHSLD', 'à l’urgence', 'en soins à domicile', 'sur le quart de nuit', 'en chirurgie d’un jour', 'en santé mentale'],
    people: ['les patients', 'les familles', 'les nouvelles collègues', 'les stagiaires', 'l’équipe de soir', 'les préposés aux bénéficiaires'],
    outcome: ['moins d’oublis au changement de quart', 'moins de chutes sur l’unité', 'des familles mieux informées', 'une intégration plus rapide', 'des patients plus soulagés', 'moins d’erreurs de médication'],
    tags: ['Sécurité des patients', 'Douleur', 'Accueil', 'Simulation', 'Soins palliatifs', 'Familles', 'Préceptorat', 'Plaies', 'Médication', 'Délirium'],
  },
  en: {
    topic: ['shift handover', 'fall prevention', 'pain management', 'onboarding new nurses', 'clinical simulation', 'palliative care', 'hand hygiene', 'talking with families', 'precepting students', 'wound care', 'medication double checks', 'delirium prevention'],
    practice: ['the SBAR method', 'a bedside checklist', 'a double-check protocol', 'short huddles at the start of the shift', 'a pain follow-up sheet', 'high-fidelity simulation', 'an onboarding booklet', 'interprofessional rounds', 'pairing with an experienced nurse', 'a delirium screening tool'],
    context: ['on the medical unit', 'in intensive care', 'in long-term care', 'in the emergency department', 'in home care', 'on the night shift', 'in day surgery', 'in mental health'],
    people: ['patients', 'families', 'new colleagues', 'nursing students', 'the evening team', 'care aides'],
    outcome: ['fewer gaps at handover', 'fewer falls on the unit', 'better informed families', 'faster onboarding', 'better pain relief', 'fewer medication errors'],
    tags: ['Patient safety', 'Pain', 'Onboarding', 'Simulation', 'Palliative care', 'Families', 'Precepting', 'Wound care', 'Medication', 'Delirium'],
  },
};

const advising: ByLang = {
  fr: {
    topic: ['l’orientation scolaire', 'la persévérance aux études', 'le choix de programme', 'l’accompagnement des étudiants internationaux', 'la gestion du stress aux examens', 'la réussite en première session', 'les étudiants de première génération', 'la conciliation études-travail', 'la préparation aux stages', 'le dépistage des difficultés'],
    practice: ['l’entretien motivationnel', 'un plan de réussite personnalisé', 'des ateliers de méthodes de travail', 'un suivi par courriel aux trois semaines', 'un questionnaire d’intérêts', 'le mentorat par les pairs', 'des permanences sans rendez-vous', 'une carte des ressources du campus'],
    context: ['au service d’orientation', 'en première année d’université', 'au cégep', 'en formation continue', 'au secondaire', 'auprès des adultes en retour aux études'],
    people: ['les étudiants', 'les étudiants de première session', 'les parents', 'les enseignants', 'les étudiants internationaux', 'les aides pédagogiques'],
    outcome: ['moins d’abandons en première session', 'des choix de programme plus réfléchis', 'des étudiants plus confiants', 'des rendez-vous plus courts et mieux ciblés', 'une meilleure fréquentation des ateliers'],
    tags: ['Orientation', 'Persévérance', 'Stress', 'Première session', 'International', 'Méthodes de travail', 'Stages', 'Mentorat étudiant'],
  },
  en: {
    topic: ['career guidance', 'student persistence', 'choosing a program', 'supporting international students', 'exam stress', 'success in the first term', 'first-generation students', 'balancing work and study', 'preparing for placements', 'spotting students at risk'],
    practice: ['motivational interviewing', 'a personal success plan', 'study-skills workshops', 'an email check-in every three weeks', 'an interest inventory', 'peer mentoring', 'drop-in hours', 'a map of campus services'],
    context: ['in the advising office', 'in first-year university', 'at the college level', 'in continuing education', 'in high school', 'with adults returning to school'],
    people: ['students', 'first-term students', 'parents', 'instructors', 'international students', 'academic counsellors'],
    outcome: ['fewer first-term dropouts', 'better informed program choices', 'more confident students', 'shorter, better focused appointments', 'better workshop attendance'],
    tags: ['Career guidance', 'Persistence', 'Stress', 'First term', 'International', 'Study skills', 'Placements', 'Peer mentoring'],
  },
};

/** Topics every community shares: its own functioning, newcomers, collaboration. */
const common: ByLang = {
  fr: {
    topic: ['l’insertion professionnelle', 'la collaboration entre collègues', 'le transfert d’une pratique d’un milieu à l’autre', 'la charge de travail', 'le mentorat des nouveaux membres', 'la reconnaissance des heures de formation'],
    practice: ['un carnet de bord partagé', 'une communauté de lecture', 'des observations entre pairs', 'une banque de situations authentiques'],
    context: ['dans notre établissement', 'dans un autre établissement', 'en région', 'en milieu urbain'],
    people: ['les nouveaux membres', 'les collègues d’autres établissements', 'la direction'],
    outcome: ['un vocabulaire commun', 'des pratiques mieux partagées', 'moins d’isolement'],
    tags: ['Insertion professionnelle', 'Collaboration', 'Transfert', 'Mentorat'],
  },
  en: {
    topic: ['induction into the profession', 'collaboration between colleagues', 'transferring a practice to another setting', 'workload', 'mentoring new members', 'recognising PD hours'],
    practice: ['a shared logbook', 'a reading group', 'peer observations', 'a bank of real cases'],
    context: ['in our institution', 'in another institution', 'in a rural region', 'in the city'],
    people: ['new members', 'colleagues from other institutions', 'the administration'],
    outcome: ['a shared vocabulary', 'better shared practices', 'less isolation'],
    tags: ['Induction', 'Collaboration', 'Transfer', 'Mentoring'],
  },
};

export const LEXICONS: Record<Domain | 'common', ByLang> = { teaching, nursing, advising, common };

/** Community titles and purposes per domain. */
export const COMMUNITY: Record<Domain, { title: Record<Lang, string>; purpose: Record<Lang, string> }> = {
  teaching: {
    title: { fr: 'Enseigner en réseau', en: 'Teaching together' },
    purpose: { fr: 'Partager nos pratiques d’évaluation et de différenciation, et apprendre les uns des autres d’un établissement à l’autre.', en: 'Share our assessment and differentiation practices and learn from each other across schools.' },
  },
  nursing: {
    title: { fr: 'Soins infirmiers — pratiques partagées', en: 'Nursing — shared practice' },
    purpose: { fr: 'Améliorer ensemble la sécurité des patients et l’accueil des nouvelles infirmières dans nos unités.', en: 'Improve patient safety and the onboarding of new nurses on our units, together.' },
  },
  advising: {
    title: { fr: 'Orientation et réussite étudiante', en: 'Advising and student success' },
    purpose: { fr: 'Mettre en commun nos façons d’accompagner les étudiants, de la première session au choix de carrière.', en: 'Pool our ways of supporting students, from the first term to career choices.' },
  },
};
