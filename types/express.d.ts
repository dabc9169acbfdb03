import type { RequestContext } from '../src/web/context';

declare global {
  namespace Express {
    interface Request {
      ctx?: RequestContext;
    }
  }
}
export {};
