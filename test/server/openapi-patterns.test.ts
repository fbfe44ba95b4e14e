import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SEARCH_PATTERN } from '../../server/routes/people.ts';
import { TOPIC_PATTERN } from '../../server/schemas/realtime.ts';
import { documentedPattern } from '../../server/schemas/common.ts';
import { PERSON_ID_PATTERN } from '../../server/schemas/person.ts';
import { ACTIVITY_SCOPE_PATTERN, KEY_PATTERN } from '../../src/core/protocol.ts';

/**
 * The patterns in the OpenAPI document are what validating clients check
 * input against before sending it. Each must accept exactly what the server's
 * own regex accepts, read with the `u` flag (ajv) or without it (Spectral and
 * most generated clients), so neither refuses a key the server takes.
 */

const REGEXES = { KEY_PATTERN, PERSON_ID_PATTERN, TOPIC_PATTERN, ACTIVITY_SCOPE_PATTERN, SEARCH_PATTERN };
/** Around each character: as a value of its own and inside a longer one, after the prefixes the patterns know. */
const FRAMES = ['', 'a', 'user:', 'space:', 'user:a', 'ab '].flatMap((before) => [(c: string) => before + c, (c: string) => `${before}${c}z`]);
/** Every character of the Basic Multilingual Plane except surrogates, and a few beyond it. */
const CHARACTERS = [
  ...Array.from({ length: 0xd800 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 0x10000 - 0xe000 }, (_, i) => String.fromCharCode(0xe000 + i)),
  '😀',
  '\u{1f1e9}\u{1f1ea}',
  '\u{20000}',
];

describe('the documented patterns mean what the server checks', () => {
  for (const [name, regex] of Object.entries(REGEXES)) {
    test(`${name}: the published pattern has no flag or Unicode escape, and agrees on every character`, () => {
      const published = documentedPattern(regex);
      assert.doesNotMatch(published, /\\p\{|\/[a-z]*$/, `published pattern ${published}`);
      const readings = [new RegExp(published), new RegExp(published, 'u')];
      const disagreements: string[] = [];
      for (const character of CHARACTERS) {
        for (const frame of FRAMES) {
          const value = frame(character);
          const expected = regex.test(value);
          for (const reading of readings) {
            if (reading.test(value) !== expected && disagreements.length < 5) {
              disagreements.push(`${JSON.stringify(value)}: server ${expected}, /${reading.source}/${reading.flags} ${!expected}`);
            }
          }
        }
      }
      assert.deepEqual(disagreements, []);
    });
  }
});
