/** Articles for the near-duplicate question tests: one question asked twice in other words, and unrelated ones. */
import type { ArticleSpec } from './fixtures';

export const PLANTS: ArticleSpec = {
  subjectKey: 'biology',
  questionKey: 'how-do-plants-produce-food-from-sunlight',
  id: 1,
  answer: 'Plants produce food by photosynthesis: chlorophyll in the chloroplasts captures light to make glucose.',
};
/** The same thing asked in other words: no word of the question is in the one asked below. */
export const PHOTOSYNTHESIS: ArticleSpec = {
  subjectKey: 'biology',
  questionKey: 'what-is-photosynthesis',
  id: 2,
  answer: 'Photosynthesis: chlorophyll in the chloroplasts captures light and makes glucose.',
};
export const PLANTS_COPY: ArticleSpec = { ...PLANTS, subjectKey: 'environmental-science' };
const OTHERS: ArticleSpec[] = 'volcano tariff sonnet enzyme orbit parliament vaccine opera genome glacier'
  .split(' ')
  .map((w, i) => ({ subjectKey: 'science', questionKey: `what-is-a-${w}`, id: 100 + i, answer: `A ${w} is studied in many courses.` }));

export const ALL = [PLANTS, PHOTOSYNTHESIS, PLANTS_COPY, ...OTHERS];
export const ASKED = 'How do green plants make their own food using sunlight?';

export const INFLATION_ASKED = 'What causes inflation?';
/** An article asking about inflation in `subjectKey`: with one in another folder, the folder told decides which comes first. */
export const askingAboutInflation = (subjectKey: string, id: number): ArticleSpec => ({
  subjectKey,
  questionKey: 'what-drives-inflation',
  id,
  answer: 'Demand outpaces supply: too much money chasing too few goods.',
});
