import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { registerServices } from "../format/service-color.js";
import { api } from "./api-client.js";
import { useApi, type ApiState } from "./use-api.js";

/** The service names the server knows (`GET /api/v1/services`), shared by every page. */
export interface ServicesState {
  state: ApiState<string[]>;
  /** Asks the server again (a page's Retry, or a list that may have grown); aborts a call in flight. */
  reload: () => void;
}

const ServicesContext = createContext<ServicesState | null>(null);

/**
 * Loads the services list once for the whole app (AppShell provides it), so pages neither fetch it
 * twice nor race each other. Colours are registered (registerServices) when the list arrives, before
 * any page renders it, so every service in the list gets its name-ordered colour unless a page
 * already drew it earlier (see service-color.ts for exactly what is guaranteed).
 */
export function ServicesProvider({ children }: { children: ReactNode }) {
  const [attempt, setAttempt] = useState(0);
  const state = useApi(
    async (signal) => {
      const names = await api.services(signal);
      registerServices(names);
      return names;
    },
    [attempt],
  );
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const value = useMemo(() => ({ state, reload }), [state, reload]);
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

/** The shared services list; throws outside a ServicesProvider (a wiring bug, not a runtime state). */
export function useServices(): ServicesState {
  const value = useContext(ServicesContext);
  if (value === null) throw new Error("useServices() needs a <ServicesProvider> above it (AppShell provides one)");
  return value;
}
