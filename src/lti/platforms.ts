/**
 * The platforms CoPeR accepts launches from: our row (src/kernel/platform.ts) and ltijs's record,
 * which holds the tool key for the platform's services, registered and removed together.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { Platform, Deployment, type PlatformKind } from '../kernel/platform';
import { lti } from './provider';

const keyHash = (issuer: string, clientId: string) => crypto.createHash('sha256').update(`${issuer}\n${clientId}`).digest('hex');

export const platformInput = z.object({
  issuer: z.string().url(),
  clientId: z.string().min(1).max(255),
  authUrl: z.string().url(),
  tokenUrl: z.string().url(),
  jwksUrl: z.string().url(),
  deploymentIds: z.array(z.string().min(1).max(255)).default([]),
  name: z.string().min(1).max(255).optional(),
  kind: z.enum(['moodle', 'canvas', 'other']).optional(),
  authServer: z.string().url().optional(),
});
export type PlatformInput = z.input<typeof platformInput>;

/** Guess the LMS from its issuer (Canvas issuers are canvas.instructure.com or *.instructure.com). */
export function guessKind(issuer: string): PlatformKind {
  if (/instructure\.com/.test(issuer) || /canvas/i.test(issuer)) return 'canvas';
  if (/moodle/i.test(issuer)) return 'moodle';
  return 'other';
}

/**
 * Register (or update) a platform: our row, its deployments, and ltijs's record (which also
 * creates the tool key pair used for this platform's service calls).
 */
export async function addPlatform(input: PlatformInput): Promise<{ platform: Platform; created: boolean }> {
  const p = platformInput.parse(input);
  const hash = keyHash(p.issuer, p.clientId);
  const values = {
    keyHash: hash,
    issuer: p.issuer,
    clientId: p.clientId,
    name: p.name ?? new URL(p.issuer).host,
    kind: p.kind ?? guessKind(p.issuer),
    authUrl: p.authUrl,
    tokenUrl: p.tokenUrl,
    jwksUrl: p.jwksUrl,
    authServer: p.authServer ?? null,
    active: true,
  };
  await lti.registerPlatform({
    url: p.issuer,
    name: values.name,
    clientId: p.clientId,
    authenticationEndpoint: p.authUrl,
    accesstokenEndpoint: p.tokenUrl,
    authorizationServer: p.authServer,
    authConfig: { method: 'JWK_SET', key: p.jwksUrl },
  });
  const existing = await Platform.findOne({ where: { keyHash: hash } });
  const platform = existing ? await existing.update(values) : await Platform.create(values);
  for (const deploymentId of p.deploymentIds) await addDeployment(platform.id, deploymentId, 'active');
  return { platform, created: !existing };
}

/** Record a deployment; an existing one keeps its row (its status may be raised to active). */
export async function addDeployment(platformId: number, deploymentId: string, status: 'active' | 'pending'): Promise<Deployment> {
  const [row] = await Deployment.findOrCreate({ where: { platformId, deploymentId }, defaults: { platformId, deploymentId, status } });
  if (status === 'active' && row.status !== 'active') await row.update({ status: 'active' });
  return row;
}

/** Every registered platform with its deployments. */
export async function listPlatforms(): Promise<Array<Platform & { deployments: Deployment[] }>> {
  return (await Platform.findAll({ include: [{ model: Deployment, as: 'deployments' }], order: [['id', 'ASC']] })) as Array<
    Platform & { deployments: Deployment[] }
  >;
}

/**
 * Stop accepting launches from a platform. The row stays (users and everything they wrote keep
 * pointing at it); ltijs's record and keys go. Adding it again reactivates it.
 */
export async function removePlatform(issuer: string, clientId: string): Promise<boolean> {
  const platform = await Platform.findOne({ where: { keyHash: keyHash(issuer, clientId) } });
  if (!platform) return false;
  await lti.deletePlatform(issuer, clientId);
  await platform.update({ active: false });
  return true;
}

export async function findActivePlatform(issuer: unknown, clientId: unknown): Promise<Platform | null> {
  if (typeof issuer !== 'string' || typeof clientId !== 'string' || !issuer || !clientId) return null;
  return Platform.findOne({ where: { keyHash: keyHash(issuer, clientId), active: true } });
}

/** A launch must name a deployment registered for its platform and active (unknown ones are refused): its row id, or null. */
export async function activeDeployment(platformId: number, deploymentId: string): Promise<number | null> {
  const rows = await Deployment.findAll({ where: { platformId }, attributes: ['id', 'deploymentId', 'status'], raw: true });
  const row = rows.find((d) => d.deploymentId === deploymentId && d.status === 'active');
  return row ? Number(row.id) : null;
}
