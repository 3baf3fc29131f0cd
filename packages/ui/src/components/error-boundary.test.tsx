// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { Link, MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { crashMessage, ErrorBoundary, PageErrorBoundary } from "./error-boundary.js";

beforeEach(() => {
  // React reports every caught error on console.error; keep the test output readable.
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Bomb({ message }: { message: string }): never {
  throw new Error(message);
}

describe("ErrorBoundary", () => {
  it("shows the crash notice with the error's message as text instead of unmounting everything", () => {
    render(
      <div>
        <p>app bar</p>
        <ErrorBoundary>
          <Bomb message="<img src=x onerror=alert(1)> broke" />
        </ErrorBoundary>
      </div>,
    );
    const notice = screen.getByTestId("ui-crash");
    expect(notice.querySelector("h2")!.textContent).toBe("Something went wrong showing this page");
    expect(notice.textContent).toContain("<img src=x onerror=alert(1)> broke");
    expect(notice.querySelector("img")).toBeNull();
    expect(screen.getByRole("button", { name: "Reload" })).toBeTruthy();
    expect(screen.getByText("app bar")).toBeTruthy();
  });

  it("renders its children when nothing throws", () => {
    render(
      <ErrorBoundary>
        <p>fine</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText("fine")).toBeTruthy();
    expect(screen.queryByTestId("ui-crash")).toBeNull();
  });

  it("tries again when its resetKey changes", () => {
    const { rerender } = render(
      <ErrorBoundary resetKey="/a">
        <Bomb message="boom" />
      </ErrorBoundary>,
    );
    expect(screen.getByTestId("ui-crash")).toBeTruthy();
    rerender(
      <ErrorBoundary resetKey="/a">
        <p>recovered</p>
      </ErrorBoundary>,
    );
    expect(screen.getByTestId("ui-crash")).toBeTruthy();
    rerender(
      <ErrorBoundary resetKey="/b">
        <p>recovered</p>
      </ErrorBoundary>,
    );
    expect(screen.queryByTestId("ui-crash")).toBeNull();
    expect(screen.getByText("recovered")).toBeTruthy();
  });

  it("PageErrorBoundary: a crashed page recovers when the user navigates to another page", () => {
    render(
      <MemoryRouter initialEntries={["/broken"]}>
        <Link to="/search">search</Link>
        <PageErrorBoundary>
          <Routes>
            <Route path="/broken" element={<Bomb message="boom" />} />
            <Route path="/search" element={<p>search page</p>} />
          </Routes>
        </PageErrorBoundary>
      </MemoryRouter>,
    );
    expect(screen.getByTestId("ui-crash").textContent).toContain("boom");
    fireEvent.click(screen.getByText("search"));
    expect(screen.queryByTestId("ui-crash")).toBeNull();
    expect(screen.getByText("search page")).toBeTruthy();
  });
});

describe("crashMessage", () => {
  it("names whatever was thrown", () => {
    expect(crashMessage(new TypeError("x is undefined"))).toBe("x is undefined");
    expect(crashMessage(new Error(""))).toBe("Error");
    expect(crashMessage("plain")).toBe("plain");
    expect(crashMessage({ code: 7 })).toBe('{"code":7}');
    expect(crashMessage(undefined)).toBe("undefined");
  });
});
