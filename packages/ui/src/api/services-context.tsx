import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { registerServices } from "../format/service-color.js";
import { api } from "./api-client.js";
import type { ApiState } from "./use-api.js";

/** The service names the server knows (`GET /api/v1/services`), shared by every page. */
export interface ServicesState {
  /** The latest list. While it is asked again the previous list stays ("ok", `fresh` false). */
  state: ApiState<string[]>;
  /**
   * True when `state` answers the latest request: only a fresh empty list means "no data yet" (an
   * old one may predate the first span).
   */
  fresh: boolean;
  /** True while a request is running (the state is then the previous one, or "loading"). */
  pending: boolean;
  /**
   * Asks the server again: pages call it when they mount and on each submitted search, and Retry.
   * A call already in flight counts (it answers recently enough); a pending automatic retry is
   * brought forward.
   */
  reload: () => void;
}

const ServicesContext = createContext<ServicesState | null>(null);

/** Waits before the automatic retries after a failed request (the last one repeats). */
export const SERVICES_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Loads the services list for the whole app (AppShell provides it) and keeps it current: pages ask
 * again when they mount and on each search (reload), and a failed request is retried on its own
 * with a growing delay, so neither an empty list from before the first span nor one 503 sticks.
 * Colours are registered (registerServices) when a list arrives, before any page renders it, so
 * every service in the list gets its name-ordered colour unless a page already drew it earlier
 * (see service-color.ts for exactly what is guaranteed).
 */
export function ServicesProvider({ children, retryDelaysMs = SERVICES_RETRY_DELAYS_MS }: { children: ReactNode; retryDelaysMs?: readonly number[] }) {
  const [request, setRequest] = useState(0);
  // `failed`: the request failed while an older list is kept in `state`.
  const [answer, setAnswer] = useState<{ request: number; state: ApiState<string[]>; failed: boolean }>({ request: -1, state: { status: "loading" }, failed: false });
  // True from the first render: the first effect always asks, so a page mounting with it need not.
  const inFlight = useRef(true);
  const failures = useRef(0);
  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    inFlight.current = true;
    api.services(controller.signal).then(
      (names) => {
        if (controller.signal.aborted) return;
        inFlight.current = false;
        failures.current = 0;
        registerServices(names);
        setAnswer({ request, state: { status: "ok", data: names }, failed: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        inFlight.current = false;
        // Keep showing a list that was known; without one, say why it is missing.
        setAnswer((previous) => ({ request, state: previous.state.status === "ok" ? previous.state : { status: "error", error }, failed: true }));
        const delay = retryDelaysMs[Math.min(failures.current, retryDelaysMs.length - 1)] ?? 30_000;
        failures.current += 1;
        retry = setTimeout(() => setRequest((n) => n + 1), delay);
      },
    );
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [request, retryDelaysMs]);
  const reload = useCallback(() => {
    if (!inFlight.current) setRequest((n) => n + 1);
  }, []);
  const value = useMemo(() => {
    const settled = answer.request === request;
    return { state: answer.state, fresh: settled && !answer.failed && answer.state.status === "ok", pending: !settled, reload };
  }, [answer, request, reload]);
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

/** The shared services list; throws outside a ServicesProvider (a wiring bug, not a runtime state). */
export function useServices(): ServicesState {
  const value = useContext(ServicesContext);
  if (value === null) throw new Error("useServices() needs a <ServicesProvider> above it (AppShell provides one)");
  return value;
}

/** In a page: asks for the services list again when the page mounts (it may have grown since). */
export function useFreshServices(): ServicesState {
  const services = useServices();
  const { reload } = services;
  useEffect(() => reload(), [reload]);
  return services;
}
