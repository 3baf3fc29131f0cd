import type { ReactNode } from "react";
import { NavLink } from "react-router";
import { ServicesProvider } from "../api/services-context.js";
import { useScrollMemory } from "./scroll-memory.js";

/**
 * The frame of every page: the top bar with Skein's navigation, then the page. It provides the
 * shared services list (loaded once; pages reload it on Retry) and the per-entry scroll memory.
 */
export function AppShell({ children }: { children: ReactNode }) {
  useScrollMemory();
  return (
    <ServicesProvider>
      <div className="app">
        <header className="app-bar">
          <NavLink to="/search" className="app-brand">
            Skein
          </NavLink>
          <nav className="app-nav" aria-label="Main">
            <NavLink to="/search">Search</NavLink>
            <NavLink to="/services">Services</NavLink>
            <NavLink to="/service-map">Service map</NavLink>
            <NavLink to="/logs">Logs</NavLink>
            <NavLink to="/alerts">Alerts</NavLink>
          </nav>
        </header>
        <main className="app-main">{children}</main>
      </div>
    </ServicesProvider>
  );
}
