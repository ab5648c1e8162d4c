/** Hash routes: #/view/arg?key=value. Every view is reopened from its URL. */
import { normKind } from './i18n.js';

export interface Route {
  view: string;
  arg: string | null;
  params: URLSearchParams;
}

export function parseHash(hash: string = location.hash): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [pathPart = '', query = ''] = raw.split(/\?(.*)/s);
  const [view = '', ...rest] = pathPart.split('/');
  const arg = rest.length ? safeDecode(rest.join('/')) : null;
  return { view: safeDecode(view), arg: arg || null, params: new URLSearchParams(query) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Keeps ids readable in the address bar (firm:chuanheng, not firm%3Achuanheng). */
const enc = (s: string): string => encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',');

export function href(view: string, arg?: string | null, params?: Record<string, string | null | undefined>): string {
  let out = `#/${view}`;
  if (arg) out += `/${enc(arg)}`;
  const pairs = Object.entries(params ?? {}).filter((p): p is [string, string] => p[1] !== null && p[1] !== undefined && p[1] !== '');
  if (pairs.length) out += '?' + pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return out;
}

export const go = (target: string): void => {
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
};

/** The view that shows an entity best: places have their own view. */
export const entityHref = (e: { id: string; kind: string }): string => href(normKind(e.kind) === 'PLACE' ? 'place' : 'entity', e.id);

export const paramsOf = (route: Route): Record<string, string> => Object.fromEntries(route.params.entries());

/** After a NOT_FOUND / AMBIGUOUS answer: the same route with the name the API could not resolve replaced by the chosen id. */
export function replacing(route: Route, asked: string | null, id: string): string {
  const params = paramsOf(route);
  let arg = route.arg;
  const keys = Object.keys(params).filter((k) => asked !== null && params[k] === asked);
  if (asked !== null && arg === asked) arg = id;
  else if (keys.length) keys.forEach((k) => (params[k] = id));
  return href(route.view, arg, params);
}
