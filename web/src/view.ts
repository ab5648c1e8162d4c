import type { Route } from './router.js';

/** What a view gets: its container, its route, whether it is still the current view, and a place to register cleanup. */
export interface ViewContext {
  el: HTMLElement;
  route: Route;
  alive(): boolean;
  onDispose(fn: () => void): void;
}
export type View = (ctx: ViewContext) => Promise<void> | void;

/** Loads the graph module (and cytoscape) only when a view draws a graph. */
export const loadGraph = () => import('./graph.js');
