import { PlazaError } from '../problem.ts';
import type { Comment, CommentConflict } from '../protocol.ts';

/**
 * A stale edit (409): someone changed the comment since the editor opened it.
 * Carries the comment as it is now, so the reader sees the newer words and
 * keeps their own, instead of one silently replacing the other.
 */
export class CommentConflictError extends PlazaError implements CommentConflict {
  readonly current: Comment;

  constructor(problem: CommentConflict) {
    super(problem);
    this.name = 'CommentConflictError';
    this.current = problem.current;
  }
}
