// The public catalogue: search, filter, open a solution, and share the result list's URL;
// and the similar-challenge hint shown while a member writes a new card.
import { test, expect, Page } from "@playwright/test";
import { signIn } from "./session";

async function slugs(page: Page): Promise<string[]> {
  return page.locator(".hit").evaluateAll((items) =>
    items.map((item) => item.getAttribute("data-slug") ?? ""),
  );
}

test("search, filter, open a solution and share the results", async ({ page, browser }) => {
  await page.goto("/catalog");
  await expect(page).toHaveTitle(/Catalogue of solutions/);
  await expect(page.locator("h1")).toHaveText("Proven InnerSource solutions");
  // By default the proven (validated) solutions, with their adopters; the company that
  // may not be named is described instead.
  await expect(page.locator(".hit")).toHaveCount(3);
  await expect(page.locator(".hits")).toContainText("a large financial services company");
  await expect(page.locator(".hits")).not.toContainText("Northwind");

  // Search every stage for a word.
  await page.locator("input[name=q]").fill("InnerSource");
  await page.locator("select[name=stage]").selectOption("any");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/catalog\?q=InnerSource&stage=any$/);
  const broad = await slugs(page);
  expect(broad.length).toBeGreaterThan(1);
  await expect(page.locator(".hit mark").first()).toHaveText(/innersource/i);

  // Narrow it with a filter.
  await page.locator("select[name=kind]").selectOption("video");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/kind=video/);
  await expect(page.locator(".hit")).toHaveCount(1);
  await expect(page.locator(".result-count")).toHaveText("1 solution for \u201cInnerSource\u201d");
  const shared = page.url();
  const narrowed = await slugs(page);
  expect(narrowed).toEqual(["introduction-to-innersource-video"]);
  // The form shows the search it ran.
  await expect(page.locator("input[name=q]")).toHaveValue("InnerSource");
  await expect(page.locator("select[name=kind]")).toHaveValue("video");

  // Open the solution.
  await page.locator(".hit h2 a").first().click();
  await expect(page).toHaveURL(/\/solutions\/introduction-to-innersource-video$/);
  await expect(page.locator("h1")).toHaveText("Introduction to InnerSource video");
  await expect(page).toHaveTitle(/Introduction to InnerSource video/);
  await expect(page.locator("meta[property='og:title']")).toHaveAttribute(
    "content",
    "Introduction to InnerSource video",
  );
  await expect(page.locator("meta[property='og:url']")).toHaveAttribute(
    "content",
    /\/solutions\/introduction-to-innersource-video$/,
  );
  await expect(page.getByRole("heading", { name: "The challenge it answers" })).toBeVisible();
  await expect(page.locator(".solution-page")).toContainText(
    "How do we explain InnerSource to new engineers?",
  );
  await expect(page.locator(".solution-page .adoptions")).toContainText("Fabrikam Motors");

  // Someone else opens the shared link and sees the same results.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(shared);
  await expect(theirs.locator(".hit")).toHaveCount(1);
  expect(await slugs(theirs)).toEqual(narrowed);
  await expect(theirs.locator("select[name=kind]")).toHaveValue("video");
  await other.close();

  // A bad filter value is explained, and the rest of the search still runs.
  await page.goto("/catalog?q=InnerSource&stage=any&min_companies=lots");
  await expect(page.getByRole("alert")).toContainText(
    "min_companies must be a whole number from 0 to 1000",
  );
  expect(await slugs(page)).toEqual(broad);
});

test("a member writing a new card is shown similar challenges", async ({ page }) => {
  await signIn(page);
  await expect(page.locator(".board-page")).toHaveAttribute("data-hydrated", "true");
  await page.getByText("Add a challenge").click();
  await page
    .getByLabel("Challenge, phrased as a question")
    .fill("How can we present our KPIs to leadership?");
  const hints = page.locator(".similar");
  await expect(hints).toContainText("Similar challenges are already on the board");
  await expect(hints.getByRole("link", { name: "How do I present InnerSource KPIs?" })).toBeVisible();
});

test("a visitor's words and questions find the solutions of every stage", async ({ page }) => {
  // "kpi" matches a solution that is not validated yet: the page says where it is.
  await page.goto("/catalog?q=kpi");
  await expect(page.locator(".result-count")).toContainText("No solution in Validated matches");
  const elsewhere = page.locator(".elsewhere");
  await expect(elsewhere).toContainText("Other stages have matches");
  await elsewhere.getByRole("link", { name: /in Proposed/ }).click();
  await expect(page).toHaveURL(/q=kpi&stage=proposed/);
  await expect(page.locator(".hit h2").first()).toContainText("InnerSource KPI one-page dashboard");

  // A question typed in full: no solution holds every word, so those holding most of them
  // are offered (here or, through a link, in the other stages).
  await page.goto("/catalog");
  await page.locator("input[name=q]").fill("How do I present KPIs to my CEO?");
  await page.getByRole("button", { name: "Search" }).click();
  const dashboard = "InnerSource KPI one-page dashboard";
  if (!((await page.locator(".hits").textContent()) ?? "").includes(dashboard)) {
    await page.locator(".elsewhere a", { hasText: "every stage" }).click();
    await expect(page).toHaveURL(/stage=any/);
  }
  await expect(page.locator(".partial-note")).toHaveText(
    /No solution matches every word; these match most of them/,
  );
  await expect(page.locator(".hits")).toContainText(dashboard);
});

test("company descriptors are searchable", async ({ page }) => {
  await page.goto("/catalog?q=financial+services&stage=any");
  await expect(page.locator(".hit").first()).toBeVisible();
  await expect(page.locator(".hits")).toContainText("a large financial services company");
  await expect(page.locator(".hits")).not.toContainText("Northwind");
});
