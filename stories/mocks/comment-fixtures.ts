import type { CommentRecord, Person } from '../../src/core/protocol.ts';
import { ayse, colleagues, employee, jonas, klausDieter, maximiliane, mehmet, petra, sophie, thomas } from '../../test/fixtures/index.ts';
import { targets } from '../../test/fixtures/reactions.ts';

/*
 * The conversation under the canteen news, as Storybook's mock backend
 * serves it: every state a comment can be in (replies, a reply to a reply,
 * Markdown, an edit, a placeholder for a deleted and for a hidden comment,
 * the reader's own comments, the longest name) in one thread. Jonas Becker,
 * the signed-in fixture reader, wrote two of them. Times are minutes before
 * the story opened, so "vor 5 Minuten" stays true.
 */

export interface FixtureComment {
  id: string;
  parentId?: string;
  by: Person | null;
  minutesAgo: number;
  text: string;
  state?: CommentRecord['state'];
  editedMinutesAgo?: number;
}

/** The id of the canteen comment the reaction fixtures know (`targets.canteenComment`). */
const canteenCommentId = targets.canteenComment.slice('comment:'.length);

export const canteenThread: FixtureComment[] = [
  { id: canteenCommentId, by: petra, minutesAgo: 2 * 24 * 60, text: 'Endlich! Und der Kaffee ist auch **besser** geworden.' },
  { id: '01JQ8Z4M2N3P4Q5R6S7T8U9V0W', parentId: canteenCommentId, by: mehmet, minutesAgo: 2 * 24 * 60 - 30, text: 'Gilt das auch für die Kolleginnen und Kollegen im Busdepot?' },
  {
    id: '01JQ8Z5A1B2C3D4E5F6G7H8J9K',
    parentId: canteenCommentId,
    by: petra,
    minutesAgo: 2 * 24 * 60 - 45,
    text: `@[${mehmet.name}](person:${mehmet.id}) Ja, ab März liefert die Kantine mittags auch ins Busdepot West.`,
  },
  { id: '01JQ8Z6B2C3D4E5F6G7H8J9K0M', parentId: canteenCommentId, by: jonas, minutesAgo: 26 * 60, text: 'Dann bestelle ich für das Team Netzplanung gleich mit. 🙂' },
  {
    id: '01JQ9A1C3D4E5F6G7H8J9K0M1N',
    by: maximiliane,
    minutesAgo: 20 * 60,
    editedMinutesAgo: 19 * 60,
    text:
      'Ein Vorschlag für die **Speiseplan-Ansicht** im Intranet:\n\n- Allergene kennzeichnen\n- vegetarische Gerichte *sichtbar* markieren\n\n' +
      '> Gutes Essen ist die beste Mitarbeiterbindung.\n\nMehr dazu im [Wiki](https://intranet.example/wiki/kantine).',
  },
  { id: '01JQ9B2D4E5F6G7H8J9K0M1N2P', by: null, state: 'deleted', minutesAgo: 9 * 60, text: '' },
  { id: '01JQ9B3E5F6G7H8J9K0M1N2P3Q', parentId: '01JQ9B2D4E5F6G7H8J9K0M1N2P', by: sophie, minutesAgo: 8 * 60, text: 'Hat sich erledigt, die Antwort steht oben. Danke!' },
  {
    id: '01JQ9C4F6G7H8J9K0M1N2P3Q4R',
    by: klausDieter,
    state: 'hidden',
    minutesAgo: 5 * 60,
    text: 'Wer sich über das Essen beschwert, soll halt zu Hause bleiben. Typisch Verwaltung!',
  },
  { id: '01JQ9D5G7H8J9K0M1N2P3Q4R5S', by: jonas, minutesAgo: 90, text: 'Gibt es die Speisekarte auch als PDF zum Aushängen in der Werkstatt?' },
  { id: '01JQ9E6H8J9K0M1N2P3Q4R5S6T', by: thomas, minutesAgo: 12, text: 'Danke an das Team des Betriebsrestaurants für die Umstellung!' },
];

/** A long discussion for paging: 45 comments, every third with a reply. */
export function longThread(): FixtureComment[] {
  return Array.from({ length: 45 }, (_, i): FixtureComment[] => {
    const id = `01JQA${String(i).padStart(21, '0')}`;
    const by = i % 4 === 0 ? employee(i) : colleagues[i % colleagues.length]!;
    const comment: FixtureComment = { id, by, minutesAgo: (45 - i) * 37, text: `Beitrag Nummer ${i + 1} zur Betriebsversammlung.` };
    const reply: FixtureComment = { id: `01JQB${String(i).padStart(21, '0')}`, parentId: id, by: ayse, minutesAgo: (45 - i) * 37 - 5, text: 'Sehe ich genauso.' };
    return i % 3 === 0 ? [comment, reply] : [comment];
  }).flat();
}

/** What a colleague writes, one after another, in the live scenario. */
export const liveLines = [
  'Ich war heute schon da: Die Linsen-Dal ist sehr zu empfehlen!',
  'Gibt es freitags auch eine vegetarische Alternative zum Fisch?',
  'Wer kommt morgen um 12 Uhr mit?',
];

/** The company outing news has one comment so far: a list page's "1 Kommentar". */
export const outingThread: FixtureComment[] = [
  { id: '01JQC000000000000000000001', by: ayse, minutesAgo: 3 * 60, text: 'Ich bin dabei! Gibt es auch eine Wanderung für Langsame?' },
];
