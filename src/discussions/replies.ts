import type { Transaction } from 'sequelize';
import type { Thread } from './model';
import { insertPost, who, type PostInput } from './posts';
import { recordActivity } from '../activity/model';
import type { Actor } from '../kernel/actor';

/** The verb of a contribution, by conversation: scored differently later (participation issue). */
function replyVerb(thread: Thread): string {
  if (thread.kind === 'knowledge') return 'post.knowledge';
  if (thread.kind === 'journal' || thread.kind === 'resource') return 'comment.create';
  return 'post.reply';
}

/**
 * Add a reply (discussion), a contribution (knowledge building, with its scaffold) or a comment
 * (journal entry, resource), and record it. Comments carry the commented subject and its author.
 */
export async function replyToThread(
  actor: Actor,
  thread: Thread,
  input: PostInput,
  transaction: Transaction,
  subject: { type: 'journal' | 'resource'; id: number; authorId: number | null } | null = null,
) {
  const resourceId = subject?.type === 'resource' ? subject.id : null;
  const { post, rendered, mentioned } = await insertPost(actor, thread, input, transaction, { resourceId });
  await recordActivity(
    {
      ...who(actor),
      verb: replyVerb(thread),
      subject: { type: 'post', id: post.id },
      data: {
        threadId: thread.id,
        kind: thread.kind,
        parentId: post.parentId,
        quotedPostId: post.quotedPostId,
        length: rendered.length,
        mentions: mentioned,
        ...(post.scaffold ? { scaffold: post.scaffold } : {}),
        ...(subject ? { on: subject.type, onId: subject.id, onAuthorId: subject.authorId } : { threadAuthorId: thread.authorId }),
      },
    },
    transaction,
  );
  return post;
}
