// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { AttributeTable } from "./attribute-table.js";

afterEach(cleanup);

describe("AttributeTable", () => {
  it("renders hostile values as text, never as markup", () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const { container } = render(<AttributeTable attributes={{ "user.name": hostile, [hostile]: 1 }} />);
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText(hostile, { selector: "td" })).toBeTruthy();
    expect(screen.getByText(hostile, { selector: "th" })).toBeTruthy();
  });

  it("sorts keys and shows typed values as JSON", () => {
    const { container } = render(<AttributeTable attributes={{ b: true, a: [1, "x"], c: "plain" }} />);
    const rows = [...container.querySelectorAll("tr")].map((row) => row.textContent);
    expect(rows).toEqual(['a[1,"x"]', "btrue", "cplain"]);
  });
});
