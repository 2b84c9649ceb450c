// The board journey: the demo board loads, hydrates, and filters; without WebAssembly the
// same filter works as a plain form.
import { test, expect } from "@playwright/test";

const stages = ["Challenge", "Proposed", "Internal", "External", "Validated"];

test("the board loads, hydrates and shows the demo cards", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator(".board-page")).toHaveAttribute("data-hydrated", "true");

  const names = page.locator(".column .column-name");
  await expect(names).toHaveText(stages);
  await expect(page.locator(".card")).toHaveCount(15);
  await expect(
    page.locator(".column[data-stage=proposed] .card-title", {
      hasText: "How do I present InnerSource KPIs?",
    }),
  ).toBeVisible();
  await expect(
    page.locator(".column[data-stage=external] .card-title", {
      hasText: "How do I sell InnerSource to senior leadership?",
    }),
  ).toBeVisible();

  // A client-side interaction: typing filters the board at once, without a page load.
  const url = page.url();
  await page.getByLabel("Filter by title").fill("KPIs");
  await expect(page.locator(".card")).toHaveCount(1);
  await expect(page.locator(".board-summary")).toHaveText("Showing 1 of 15 cards");
  await expect(page.locator(".column[data-stage=proposed] .count")).toHaveText("1 of 3");
  expect(page.url()).toBe(url);

  await page.getByLabel("Filter by title").fill("");
  await page.getByLabel("Has adoptions").check();
  await expect(page.locator(".card")).toHaveCount(9);
});

test.describe("without WebAssembly", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter form still works", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator(".card")).toHaveCount(15);
    await page.getByLabel("Filter by title").fill("senior leadership");
    await page.getByLabel("Filter by title").press("Enter");
    await expect(page).toHaveURL(/\?q=senior\+leadership/);
    await expect(page.locator(".card")).toHaveCount(1);
    await expect(page.locator(".card-title")).toHaveText(
      "How do I sell InnerSource to senior leadership?",
    );
  });
});
