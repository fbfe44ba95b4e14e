import { ACTIVITY_KINDS, type ActivityKind, type RealtimeEvent } from '../src/core/protocol.ts';
import type { PrivacyOptions } from './config/privacy.ts';
import { shownEvent } from './profile-fields.ts';

/*
 * Who sees behaviour (issue 19, item 3): who reacted to what, and who follows
 * whom. The feed (`GET /activities`) and the realtime topics that carry the
 * same items (the stream, the poll, their replays) ask the one set of rules
 * here, so a reaction hidden from a feed does not arrive a moment later as
 * an event.
 *
 * - `PLAZA_WHO_REACTED`: reaction activities, and the `actor` of
 *   `reaction.changed`, only for readers who may see who reacted.
 * - `PLAZA_PERSONAL_FEED=writing`: `user:<id>` shows that person's status
 *   posts and comments (and their joining), not their reactions and follows.
 * - `PLAZA_FOLLOWERS_VISIBLE=self`: follow activities only to the two
 *   concerned (in their own feed, and in the shared feeds they read), and the
 *   `actor` of `follow.changed` only to them.
 * A person's own feed (`user:<their id>`) always shows all they did.
 * - `PLAZA_PROFILE_FIELDS`: the events also leave here as the setting shows
 *   people (`shownEvent`): the log keeps name tags whole.
 */

type Rules = Pick<PrivacyOptions, 'whoReacted' | 'personalFeed' | 'followersVisible' | 'profileFields'>;
/** A feed as the REST scope or the topic names it; `user` carries whose. */
export type FeedOf = { kind: 'all' | 'following' | 'space' } | { kind: 'user'; id: string };

const USER_TOPIC = 'activities:user:';

export class BehaviourRules {
  constructor(
    private readonly rules: Rules,
    private readonly viewerId: string | null,
  ) {}

  /** Whether this reader is told who reacted (`GET /reactions/…/people`, reaction activities, `reaction.changed`'s actor). */
  get seesWhoReacted(): boolean {
    return whoReactedShown(this.rules.whoReacted, this.viewerId);
  }

  /** The kinds of `asked` this reader is shown in `feed`. */
  feedKinds(feed: FeedOf, asked: readonly ActivityKind[] = ACTIVITY_KINDS): ActivityKind[] {
    if (feed.kind === 'user' && feed.id === this.viewerId) return [...asked];
    const personal = feed.kind === 'user' && this.rules.personalFeed === 'writing';
    return asked.filter((kind) => {
      if (kind === 'reaction') return !personal && this.seesWhoReacted;
      if (kind === 'follow') return !personal && this.rules.followersVisible === 'all';
      return true;
    });
  }

  /**
   * Whose follows a shared feed shows this reader although follows are left out of it: their own
   * (made or received), for `PLAZA_FOLLOWERS_VISIBLE=self` means "the two concerned" see them.
   * Null when nothing is added (follows shown anyway, not asked for, someone's personal feed, or signed out).
   */
  ownFollowsIn(feed: FeedOf, asked: readonly ActivityKind[] = ACTIVITY_KINDS): string | null {
    if (feed.kind === 'user' || !asked.includes('follow') || this.feedKinds(feed, ['follow']).length > 0) return null;
    return this.viewerId;
  }

  /** An event as this reader receives it on `event.topic`: with what they may not see left out, or not at all (null). */
  event(event: RealtimeEvent): RealtimeEvent | null {
    const shown = this.behaviour(event);
    return shown && shownEvent(shown, this.viewerId === null ? null : { person: { id: this.viewerId } }, this.rules.profileFields);
  }

  /** The event unchanged, with its actor left out (''), or not at all (null). */
  private behaviour(event: RealtimeEvent): RealtimeEvent | null {
    if (event.type === 'activity.created' || event.type === 'activity.updated') {
      const { activity } = event;
      const feed = feedOfTopic(event.topic);
      if (activity.kind === 'follow' && this.ownFollowsIn(feed) !== null && [activity.actor?.id, activity.subject?.id].includes(this.viewerId ?? undefined)) return event;
      return this.feedKinds(feed, [activity.kind]).length > 0 ? event : null;
    }
    if (event.type === 'reaction.changed' && event.actor !== this.viewerId && !this.seesWhoReacted) return { ...event, actor: '' };
    if (event.type === 'follow.changed' && this.rules.followersVisible === 'self' && ![event.actor, event.person].includes(this.viewerId ?? '')) {
      return { ...event, actor: '' };
    }
    return event;
  }
}

/** `PLAZA_WHO_REACTED`: names to everyone, to signed-in people, or to nobody (counts only). */
export function whoReactedShown(whoReacted: PrivacyOptions['whoReacted'], viewerId: string | null): boolean {
  return whoReacted === 'names' || (whoReacted === 'signed-in' && viewerId !== null);
}

/** `activities:user:<id>` → that person's feed; the other feed topics are shared feeds. */
function feedOfTopic(topic: string): FeedOf {
  return topic.startsWith(USER_TOPIC) ? { kind: 'user', id: topic.slice(USER_TOPIC.length) } : { kind: 'all' };
}
