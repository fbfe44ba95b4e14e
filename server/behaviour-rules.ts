import { ACTIVITY_KINDS, type ActivityKind, type RealtimeEvent } from '../src/core/protocol.ts';
import type { PrivacyOptions } from './config/privacy.ts';

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
 * - `PLAZA_FOLLOWERS_VISIBLE=self`: follow activities only in the follower's
 *   own feed, and the `actor` of `follow.changed` only to the two concerned.
 * A person's own feed (`user:<their id>`) always shows all they did.
 */

type Rules = Pick<PrivacyOptions, 'whoReacted' | 'personalFeed' | 'followersVisible'>;
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

  /** An event as this reader receives it on `event.topic`: unchanged, with its actor left out (''), or not at all (null). */
  event(event: RealtimeEvent): RealtimeEvent | null {
    if (event.type === 'activity.created') {
      return this.feedKinds(feedOfTopic(event.topic), [event.activity.kind]).length > 0 ? event : null;
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
