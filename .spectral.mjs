// Spectral's rules for the OpenAPI document (/api/v1/openapi.json): `spectral:oas`, with every
// rule changed here given its reason. test/server/openapi-lint.test.ts lints the document with it;
// Spectral's own CLI (`spectral lint`) finds this file too.
import { oas } from '@stoplight/spectral-rulesets';

export default {
  extends: [oas],
  rules: {
    // Each installation serves its own document; whom to ask about it is the operator's
    // intranet team, which the reference server cannot know.
    'info-contact': 'off',
    // Every operation has a summary that says what it does; those with more to say (conditions,
    // side effects, paging) have a description too. One that repeated the summary helps no one.
    'operation-description': 'off',
  },
};
