import { mentionedIds } from '../mentions.ts';
import { ProblemError } from '../problem.ts';

/** The ids a text mentions, refused when there are more than the server allows. */
export function checkedMentions(text: string, max: number): string[] {
  const ids = mentionedIds(text);
  if (ids.length > max) {
    throw new ProblemError('validation', 400, `A comment may mention at most ${max} people; this one mentions ${ids.length}.`, 'text');
  }
  return ids;
}
