import { RELATION_TERMS } from '../../../domain/vocabulary.js';

export function relationTypes() {
  return Object.entries(RELATION_TERMS).map(([type, term]) => ({
    type,
    labelZh: term.zh,
    labelEn: term.en,
    descriptionZh: term.descriptionZh ?? null,
    descriptionEn: term.descriptionEn ?? null,
  }));
}
