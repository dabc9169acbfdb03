import path from 'node:path';
import express, { type Express } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from './config';
import { loadOrigins, securityHeaders, cspNonce, allowFramingBy } from './web/security';
import { pageStatus } from './web/page-status';
import { settleDrafts } from './drafts/routes';
import { notFound } from './kernel/errors';
import { errorHandler } from './web/errors';
import { sessionIfAny } from './web/session';
import { mountLti } from './lti/mount';
import { launchHandler } from './communities/launch-handler';
import { initI18n, translator, langFromHeader } from './i18n';
import { featureRouters } from './routes';
import { communityHooks, metricsSources } from './features';
import { installCommunityHooks } from './web/community-hooks';
import { displayName } from './users/model';
import { dateLabels } from './content/dates';
import { flashes } from './web/flash';
import { formBodies } from './web/input';
import { requestScope } from './web/request-scope';
import { healthRoutes, closeConnectionsWhileDraining } from './web/health';
import { metricsRoutes } from './web/metrics';
import { rateLimitByAddress } from './web/rate-limit';
import { formatNumber } from './content/numbers';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

/** Build the Express app (no listen, so tests drive it). ltijs must already be set up (see bootstrap). */
export function buildApp(config: Config, sequelize: Sequelize): Express {
  installCommunityHooks(communityHooks);
  initI18n();
  const app = express();
  app.disable('x-powered-by');
  if (config.NODE_ENV === 'production') app.set('trust proxy', config.TRUST_PROXY);
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  app.locals.publicUrl = config.PUBLIC_URL; // permanent, session-free addresses ("copy link")
  app.locals.displayName = displayName; // the header's "Signed in" line, with its fallback
  app.locals.dates = dateLabels; // one zone and format for every date a view shows
  app.locals.formatNumber = formatNumber; // and one for every number
  app.use(requestScope(), closeConnectionsWhileDraining());
  app.use(healthRoutes(sequelize), metricsRoutes(config, metricsSources));

  app.use(loadOrigins, cspNonce, securityHeaders(config.VIDEO_EMBED_HOSTS), pageStatus);
  // Turbo Drive (carries the tab's session header on navigation), served from our own origin: no CDN in an LMS iframe.
  app.get('/public/vendor/turbo.js', (_req, res) => {
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.sendFile(require.resolve('@hotwired/turbo/dist/turbo.es2017-umd.js'), { maxAge: config.NODE_ENV === 'production' ? '1d' : 0 });
  });
  app.use('/public', express.static(path.join(ROOT, 'public'), {
    maxAge: config.NODE_ENV === 'production' ? '1d' : 0,
    index: false,
    // The LMS shows the tool's icon (logo_uri) on its own pages, and the registration page's logo:
    // public assets are readable cross-origin (a same-origin CORP broke the icon in Moodle).
    setHeaders: (res) => res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin'),
  }));
  app.use('/lti/login', rateLimitByAddress(config, sequelize, 'login'));
  app.use('/lti/launch', rateLimitByAddress(config, sequelize, 'launch'));
  mountLti(app, config, { onLaunch: launchHandler(config, sequelize), formBodies, allowFramingBy });

  app.use(formBodies());
  app.get('/', (req, res) => {
    const lang = langFromHeader(req.headers['accept-language']);
    const t = translator(lang);
    res.render('index', { lang, t, title: 'CoPeR', publicUrl: config.PUBLIC_URL, url: (p: string) => p });
  });
  app.use(flashes);
  app.use(settleDrafts);
  for (const router of featureRouters(config, sequelize)) app.use(router);

  app.use(sessionIfAny(config), (_req, _res, next) => next(notFound()));
  app.use(errorHandler());
  return app;
}
