import type { RequestHandler } from 'express';
import { forbidden, notFound } from '../web/errors';
import { actorOf, idParam } from '../content/actor';
import { resourcePolicy } from './policy';
import { loadResource } from './detail';
import { contentDisposition } from './files';
import type { FileStore } from './storage';
import { log } from '../log';

/**
 * Serve an uploaded file so that it can never run in our origin: always an attachment with its
 * download name, our own content type, nosniff, and a CSP sandbox (no script, no plugin, no same
 * origin) in case a browser renders it anyway.
 */
export function downloadRoute(store: FileStore): RequestHandler {
  return async (req, res) => {
    const actor = actorOf(req);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.download(actor, resource) || !resource.fileKey) throw forbidden();
    const file = await store.open(resource.fileKey).catch(() => null);
    if (!file) {
      log.error('upload_missing', { resourceId: resource.id });
      throw notFound();
    }
    res.status(200);
    res.setHeader('Content-Type', resource.fileType ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', contentDisposition(resource.fileName ?? 'download'));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    file.stream.pipe(res);
  };
}
