import type { ReactNode } from "react";
import { NavLink } from "react-router";

/** The frame of every page: the top bar with Skein's navigation, then the page. */
export function AppShell({ children }: { children: ReactNode }) {
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
