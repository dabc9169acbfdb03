/**
 * Assembles the platform's Express app: request log, body parsers, JWKS, home page and
 * the feature routers.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { DevPlatform } from './index';
import { agsRoutes } from './ags';
import { deepLinkRoutes } from './deeplink';
import { serviceGate } from './dispatch';
import { registrationRoutes } from './registration';
import { nrpsRoutes } from './nrps';
import { oidcRoutes } from './oidc';
import { homePage, messagePage, type HomeView } from './pages';
import { shortRole, isTeacher } from './roles';
import { tokenRoutes } from './token';
import { storageElements, storageRoutes } from './storage';

/** The platform's app; mountable in another Express app (then give DevPlatform an issuer). */
export function buildApp(p: DevPlatform): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const seen: DevPlatform['requests'][number] = { method: req.method, path: req.path, at: Date.now() };
    p.requests.push(seen);
    res.on('finish', () => (seen.status = res.statusCode));
    next();
  });
  app.use(express.urlencoded({ extended: false }));
  app.use(express.json({ type: ['application/json', 'application/*+json'] }));
  app.get('/jwks', (req, res) => {
    p.jwksFetches++;
    p.serviceAgents.push(req.get('user-agent') ?? '');
    res.set('Cache-Control', 'no-store').json({ keys: [p.keys.jwk] });
  });
  app.get('/', (_req, res) => void res.type('html').send(homePage(homeView(p), storageElements(p))));
  // Browsers ask every site for one; an empty answer keeps consoles clean.
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());
  app.use(serviceGate(p));
  app.use(oidcRoutes(p), storageRoutes(p), tokenRoutes(p), nrpsRoutes(p), agsRoutes(p), deepLinkRoutes(p), registrationRoutes(p));
  app.use((_req: Request, res: Response) => void res.status(404).json({ error: 'not found' }));
  // Express 5 forwards rejected promises here; body-parser errors carry their status.
  app.use((err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    res.status(status).type('html').send(messagePage('Erreur / Error', [err.message]));
  });
  return app;
}

/** Plain data for the home page (templates never see live objects). */
function homeView(p: DevPlatform): HomeView {
  return {
    title: 'CoPeR — plateforme de développement / development platform',
    base: p.url,
    flavour: p.flavour,
    toolRegistered: Boolean(p.tool),
    courses: [...p.courses.values()].map((c) => ({
      id: c.id,
      title: c.title,
      label: c.label,
      members: c.members.map((m) => ({
        id: m.id,
        name: m.name ?? ([m.givenName, m.familyName].filter(Boolean).join(' ') || m.id),
        roles: m.roles.map(shortRole).join(', '),
        email: m.email ?? '',
        locale: m.locale ?? '',
        instructor: isTeacher(m),
      })),
      links: [...p.resourceLinks.values()].filter((l) => l.courseId === c.id).map((l) => ({ id: l.id, title: l.title })),
    })),
    deepLinks: p.deepLinkReturns.map((d) => ({
      titles: d.items.map((i) => String(i?.title ?? i?.url ?? '?')).join(', '),
      at: typeof d.payload?.iat === 'number' ? new Date(d.payload.iat * 1000).toISOString() : '',
    })),
    lineItems: [...p.lineItems.values()].map((li) => ({
      label: li.label,
      courseId: li.courseId,
      scoreMaximum: li.scoreMaximum,
      scores: [...li.scores.entries()].map(([userId, s]) => ({
        userId,
        score: s.scoreGiven === undefined ? '—' : `${s.scoreGiven} / ${s.scoreMaximum}`,
        progress: `${s.activityProgress} · ${s.gradingProgress}`,
        comment: s.comment ?? '',
        timestamp: s.timestamp ?? '',
      })),
    })),
  };
}
