/**
 * Binds the view stack to the page's history: links are plain `#/…` anchors,
 * so the browser's back/forward, the panel's buttons and a URL opened directly
 * all go through the same popstate path.
 */
import { useEffect, useMemo, useReducer } from 'preact/hooks';
import { formatRoute, parseHash, ViewStack, type Route } from './router';

export interface Router {
  route: Route;
  hash: string;
  canGoBack: boolean;
  canGoForward: boolean;
  navigate(route: Route, options?: { replace?: boolean }): void;
  back(): void;
  forward(): void;
}

/** The hash as the router writes it, so "#/entity/a" and "#/entity/a?" compare equal. */
const canonical = (hash: string) => formatRoute(parseHash(hash));

export function useRouter(): Router {
  const stack = useMemo(() => new ViewStack(canonical(location.hash)), []);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    history.replaceState({ idx: stack.index }, '', stack.hash);
    const onPopState = (event: PopStateEvent) => {
      const idx = (event.state as { idx?: number } | null)?.idx;
      stack.moveTo(idx, canonical(location.hash));
      // A followed link or a typed hash arrives untagged: tag it so back/forward find it.
      if (idx !== stack.index) history.replaceState({ idx: stack.index }, '', stack.hash);
      rerender(0);
    };
    addEventListener('popstate', onPopState);
    return () => removeEventListener('popstate', onPopState);
  }, [stack]);

  return {
    route: parseHash(stack.hash),
    hash: stack.hash,
    canGoBack: stack.canGoBack,
    canGoForward: stack.canGoForward,
    navigate(route, options) {
      const hash = formatRoute(route);
      if (options?.replace) {
        stack.replace(hash);
        history.replaceState({ idx: stack.index }, '', hash);
      } else if (stack.push(hash) !== null) {
        history.pushState({ idx: stack.index }, '', hash);
      }
      rerender(0);
    },
    back: () => history.back(),
    forward: () => history.forward(),
  };
}
