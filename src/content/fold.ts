/**
 * Text folded for comparison: lowercase, no accents. Shared by search (snippets, linked tags) and
 * mentions (names matched however they are typed), so both compare text the same way.
 */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
