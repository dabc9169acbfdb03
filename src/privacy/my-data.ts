import type { Sequelize } from 'sequelize';
import type { User } from '../users/model';
import { Community } from '../kernel/community';
import { countPersonalData } from './collect';
import { summarize } from './summary';
import { accessesTo } from '../activity/access-log';
import { communitiesKeepingContributions } from './erase';
import { exportsOf } from './exports';
import { pendingRequestOf, requestsToConfirm } from './requests';

/**
 * Everything the "My data" page shows, as plain data: what CoPeR holds by origin, who viewed it,
 * exports being prepared or ready, the member's erasure request, whether a charter keeps their
 * contributions, and for facilitators the requests of their community waiting for them.
 */
export async function myDataView(sequelize: Sequelize, v: { user: User; communityId: number; seeRequests: boolean }) {
  const [counts, pending, toConfirm, accesses, exports, keeping] = await Promise.all([
    countPersonalData(sequelize, v.user.id),
    pendingRequestOf(v.user.id),
    v.seeRequests ? requestsToConfirm(v.communityId) : Promise.resolve([]),
    accessesTo(sequelize, v.user),
    exportsOf(v.user.id),
    communitiesKeepingContributions(sequelize, v.user.id).then((ids) => (ids.length ? Community.findAll({ where: { id: ids }, attributes: ['title'] }) : [])),
  ]);
  return {
    sources: summarize(counts),
    pending,
    toConfirm: toConfirm.filter((q) => q.userId !== v.user.id),
    accesses,
    charterKeeps: keeping.map((c) => c.title),
    exports: exports.map((e) => ({ id: e.id, status: e.status, progress: e.progress, expiresAt: e.expiresAt, size: e.size })),
  };
}
