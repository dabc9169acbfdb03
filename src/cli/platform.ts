import { parseArgs } from 'node:util';
import type { Runtime } from '../bootstrap';
import { addPlatform, listPlatforms, removePlatform } from '../lti/platforms';
import { UsageError } from './usage';

/** `platform add | list | remove` (DESIGN.md "Fixed contracts"). */
export async function platformCommand(rt: Runtime, args: string[], out: (s: string) => void): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const rows = await listPlatforms();
    if (!rows.length) return out('No platform registered.');
    for (const p of rows) {
      const deployments = p.deployments.map((d) => `${d.deploymentId}${d.status === 'active' ? '' : ` (${d.status})`}`).join(', ') || '—';
      out(`${p.active ? 'active  ' : 'removed '} ${p.name}  issuer=${p.issuer}  client_id=${p.clientId}  kind=${p.kind}  deployments=${deployments}`);
    }
    return;
  }
  if (sub === 'add') {
    const { values } = parseArgs({
      args: rest,
      options: {
        issuer: { type: 'string' },
        'client-id': { type: 'string' },
        'auth-url': { type: 'string' },
        'token-url': { type: 'string' },
        'jwks-url': { type: 'string' },
        deployment: { type: 'string', multiple: true },
        name: { type: 'string' },
        kind: { type: 'string' },
      },
      strict: true,
    });
    const missing = ['issuer', 'client-id', 'auth-url', 'token-url', 'jwks-url'].filter((k) => !values[k as keyof typeof values]);
    if (missing.length) throw new UsageError(`platform add: missing --${missing.join(', --')}`);
    const { platform, created } = await addPlatform({
      issuer: values.issuer!,
      clientId: values['client-id']!,
      authUrl: values['auth-url']!,
      tokenUrl: values['token-url']!,
      jwksUrl: values['jwks-url']!,
      deploymentIds: values.deployment ?? [],
      name: values.name,
      kind: values.kind as 'moodle' | 'canvas' | 'other' | undefined,
    });
    out(`${created ? 'Registered' : 'Updated'} platform ${platform.name} (issuer ${platform.issuer}, client id ${platform.clientId}).`);
    if (!values.deployment?.length) out('Note: no --deployment given; launches are refused until a deployment id is added.');
    return;
  }
  if (sub === 'remove') {
    const { values } = parseArgs({ args: rest, options: { issuer: { type: 'string' }, 'client-id': { type: 'string' } }, strict: true });
    if (!values.issuer || !values['client-id']) throw new UsageError('platform remove: --issuer and --client-id are required');
    const removed = await removePlatform(values.issuer, values['client-id']);
    if (!removed) throw new UsageError(`No platform with issuer ${values.issuer} and client id ${values['client-id']}.`);
    out('Platform removed: its launches are refused from now on; members and their contributions are kept.');
    return;
  }
  throw new UsageError('usage: platform add|list|remove …');
}
