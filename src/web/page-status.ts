import type { RequestHandler } from 'express';

/**
 * Tell the page its own HTTP status (`<meta name="coper-status">`): the drafts script keeps a
 * submitted text until a page answers without error (a 401 after an expired session keeps it).
 */
export const pageStatus: RequestHandler = (_req, res, next) => {
  const render = res.render.bind(res) as (...args: unknown[]) => void;
  res.render = ((...args: unknown[]) => {
    res.locals.pageStatus = res.statusCode;
    render(...args);
  }) as typeof res.render;
  next();
};
