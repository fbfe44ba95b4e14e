import { describeProblem, type Translate } from '../../core/i18n.ts';
import { PlazaError } from '../../core/problem.ts';
import { PROBLEM_TYPES } from '../../core/protocol.ts';
import { mentionedIds } from '../../core/comments/mention-text.ts';
import { isBlank } from '../../core/text.ts';

/** What the server allows per comment, from the thread (`CommentThread.limits`). */
export interface ComposerLimits {
  commentLength: number;
  mentionsPerComment: number;
}

/** Why a text cannot be sent as it is, before asking the server; empty when it can. */
export function checkComposerText(t: Translate, text: string, limits: ComposerLimits | undefined): string {
  // Counted as the server counts (src/core/text.ts), so the composer never sends what it refuses.
  if (isBlank(text)) return t('composer.empty');
  if (limits && text.length > limits.commentLength) return t('composer.tooLong', { max: limits.commentLength });
  if (limits && mentionedIds(text).length > limits.mentionsPerComment) return t('composer.mentions.limit', { max: limits.mentionsPerComment });
  return '';
}

/** The reason a post or edit failed, in words that fit a comment rather than the generic ones. */
export function describeComposerProblem(t: Translate, error: unknown, text: string, limits?: ComposerLimits): string {
  if (error instanceof PlazaError) {
    if (error.type === PROBLEM_TYPES.threadClosed) return t('composer.closed');
    if (error.type === PROBLEM_TYPES.unknownMention) return t('composer.unknownMention');
    if (error.type === PROBLEM_TYPES.validation && error.field === 'text') return checkComposerText(t, text, limits) || t('composer.invalid');
    if (error.type === PROBLEM_TYPES.notFound && error.field === 'parentId') return t('composer.parentGone');
    // Still failing after the client's retries; the network has its own message.
    if (error.transient && error.type !== PROBLEM_TYPES.network) return t('composer.unavailable');
  }
  return describeProblem(t, error);
}
