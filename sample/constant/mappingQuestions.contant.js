export const MAPPING_PREVIOUS_QUESTIONS = [
  {
    "previous" : "biology",
    "question" : "what-are-tinbergens-four-questions-and-how-do-they-help-in-understanding-animal-behavior",
    "current" : "psychology"
  },
  {
    "previous" : "biology",
    "question" : "what-are-tinbergens-four-questions-and-how-do-they-help-in-understanding-animal-behavior",
    "current" : "sociology"
  },
  {
    "previous" : "criminal-or-civil-law",
    "question" : "what-is-a-legal-opinion-in-the-context-of-an-audit",
    "current" : "business-and-management"
  },
  {
    "previous" : "criminal-or-civil-law",
    "question" : "how-does-the-legal-position-of-a-corporation-differ-from-other-business-forms",
    "current" : "criminal-or-civil-law"
  }
];
