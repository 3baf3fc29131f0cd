import { useEffect, type ReactNode } from "react";
import { NavLink } from "react-router";
import { api } from "../api/api-client.js";
import { registerServices } from "../format/service-color.js";

/** The frame of every page: the top bar with Skein's navigation, then the page. */
export function AppShell({ children }: { children: ReactNode }) {
  // Colours by service name order, whichever page opens first; a failure here is shown by the page's own calls.
  useEffect(() => {
    const controller = new AbortController();
    api.services(controller.signal).then(registerServices, () => {});
    return () => controller.abort();
  }, []);
  return (
    <div className="app">
      <header className="app-bar">
        <NavLink to="/search" className="app-brand">
          Skein
        </NavLink>
        <nav className="app-nav" aria-label="Main">
          <NavLink to="/search">Search</NavLink>
          <NavLink to="/logs">Logs</NavLink>
        </nav>
      </header>
      <main className="app-main">{children}</main>
    </div>
  );
}
