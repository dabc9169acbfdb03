import { Resource } from './model';

/** A resource's title, for a permanent link's hint (sessions/resume.ts `itemTitle`, registered from src/features.ts). */
export async function resourceTitle(communityId: number, id: number): Promise<string | null> {
  const resource = await Resource.findOne({ where: { id, communityId, deletedAt: null } });
  return resource?.title ?? null;
}
