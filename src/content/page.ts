/** Pagination shared by every list: a 1-based page number from the query, bounded. */
export interface PageRequest {
  page: number;
  size: number;
  offset: number;
}

const MAX_PAGE = 10_000;

/** Read `?page=` (bad values fall back to page 1: a list should never fail on a typo). */
export function pageRequest(raw: unknown, size: number): PageRequest {
  const n = Number(raw);
  const page = Number.isSafeInteger(n) && n >= 1 && n <= MAX_PAGE ? n : 1;
  return { page, size, offset: (page - 1) * size };
}

/** What the pager partial needs: current page, whether there is a previous/next one, and the total when known. */
export interface Pager {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  pages?: number;
}

export function pager(req: PageRequest, total: number): Pager {
  const pages = Math.max(1, Math.ceil(total / req.size));
  return { page: req.page, hasPrev: req.page > 1, hasNext: req.page < pages, pages };
}

/** For lists that fetch size + 1 rows instead of counting (search): hasNext from the extra row. */
export function pagerFromProbe(req: PageRequest, fetched: number): Pager {
  return { page: req.page, hasPrev: req.page > 1, hasNext: fetched > req.size };
}
