import { recordAudit } from '../store/moderation-audit.ts';
import type { Projector } from './projector.ts';

/**
 * The audit log of moderation as a projection: every `moderation.acted` a
 * write publishes (a hide, restore, deletion of someone else's content,
 * close or reopen, with the reports it resolved) becomes one entry in
 * `moderation_audit`, in the write's transaction, so an act without its entry
 * (or an entry without its act) cannot commit. It announces nothing: the
 * public events of the act already told the readers, without a name.
 */
export const moderationAudit: Projector = {
  name: 'moderation audit',
  async project(tx, events) {
    for (const event of events) if (event.type === 'moderation.acted') await recordAudit(tx, event);
  },
};
