/**
 * People of the seed: names common in Québec and in English Canada. Two people may share a name,
 * as in any large course; e-mails stay unique (they carry the member's number).
 */
import type { Rng } from './random';
import type { Lang } from './vocabulary';

const GIVEN: Record<Lang, string[]> = {
  fr: ['Marie', 'Julie', 'Isabelle', 'Geneviève', 'Catherine', 'Émilie', 'Mélanie', 'Annie', 'Karine', 'Véronique', 'Nathalie', 'Chantal', 'Maude', 'Léa', 'Camille', 'Rosalie', 'Amélie', 'Josée', 'Sylvie', 'Stéphanie', 'Jean', 'Martin', 'François', 'Mathieu', 'Louis', 'Simon', 'Étienne', 'Benoît', 'Guillaume', 'Philippe', 'Sébastien', 'Olivier', 'Félix', 'Maxime', 'Alexandre', 'Yannick', 'Hugo', 'Gabriel', 'Samuel', 'Nicolas'],
  en: ['Emily', 'Sarah', 'Jessica', 'Ashley', 'Hannah', 'Megan', 'Rachel', 'Laura', 'Emma', 'Olivia', 'Grace', 'Chloe', 'Michael', 'David', 'James', 'Daniel', 'Ryan', 'Kevin', 'Andrew', 'Matthew', 'Ethan', 'Liam', 'Noah', 'Owen', 'Priya', 'Aisha', 'Wei', 'Amir', 'Fatima', 'Carlos'],
};

const FAMILY: Record<Lang, string[]> = {
  fr: ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier', 'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Beaulieu', 'Cloutier', 'Dubé', 'Poirier', 'Fournier', 'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin', 'Thibault', 'St-Pierre', 'Nadeau', 'Martin', 'Landry', 'Mercier', 'Bérubé', 'Savard', 'Desjardins', 'Hébert'],
  en: ['Smith', 'Brown', 'Wilson', 'MacDonald', 'Taylor', 'Campbell', 'Anderson', 'Thompson', 'Stewart', 'Robinson', 'Clark', 'Young', 'Wright', 'Scott', 'Walker', 'Mitchell', 'Murphy', 'Kelly', 'Patel', 'Singh', 'Nguyen', 'Chen', 'Wong', 'Khan', "O'Brien", 'Reid', 'Fraser', 'Hughes', 'Bennett', 'Graham'],
};

/** Given names read as feminine (French role titles and adjectives agree with the person). */
const FEMININE = new Set(['Marie', 'Julie', 'Isabelle', 'Geneviève', 'Catherine', 'Émilie', 'Mélanie', 'Annie', 'Karine', 'Véronique', 'Nathalie', 'Chantal', 'Maude', 'Léa', 'Camille', 'Rosalie', 'Amélie', 'Josée', 'Sylvie', 'Stéphanie', 'Emily', 'Sarah', 'Jessica', 'Ashley', 'Hannah', 'Megan', 'Rachel', 'Laura', 'Emma', 'Olivia', 'Grace', 'Chloe', 'Priya', 'Aisha', 'Fatima', 'Sophie', 'Nadia']);

/** Whether a person's French titles take the feminine form (by their given name, the first word of `name`). */
export function feminine(name: string): boolean {
  return FEMININE.has(name.split(' ')[0]);
}

export interface PersonName {
  givenName: string;
  familyName: string;
  name: string;
}

/** A name for a person who mostly writes in `lang`. */
export function personName(rng: Rng, lang: Lang): PersonName {
  const givenName = rng.pick(GIVEN[lang]);
  const familyName = rng.pick(FAMILY[lang]);
  return { givenName, familyName, name: `${givenName} ${familyName}` };
}

/** A unique e-mail: "prenom.nom.42@example.org" (reserved domain, RFC 2606: nothing is ever delivered). */
export function emailFor(n: PersonName, number: number): string {
  const local = `${n.givenName}.${n.familyName}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z.]+/g, '');
  return `${local}.${number}@example.org`;
}
