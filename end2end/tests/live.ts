// Helpers for live-update journeys: a card made through the JSON API (with the page's
// session) and moves made the same way, as another member's browser would make them.
import { Page, expect } from "@playwright/test";

export interface Made {
  id: string;
  version: number;
}

/** Creates a card with one solution from `page` (signed in); returns its id and version. */
export async function makeCard(page: Page, title: string): Promise<Made> {
  return page.evaluate(async (title) => {
    const json = { "content-type": "application/json" };
    const card = await fetch("/api/v1/cards", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ title }),
    }).then((r) => r.json());
    await fetch(`/api/v1/cards/${card.id}/solutions`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ title: "A live solution", kind: "article" }),
    });
    const fresh = await fetch(`/api/v1/cards/${card.id}`).then((r) => r.json());
    return { id: card.id, version: fresh.version };
  }, title);
}

/** Moves the card from `page`; returns its new version. */
export async function moveCard(page: Page, card: Made, to: string): Promise<number> {
  const result = await page.evaluate(
    async ({ id, version, to }) => {
      const res = await fetch(`/api/v1/cards/${id}/move`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ to, version, note: "live test" }),
      });
      return { status: res.status, body: await res.json() };
    },
    { id: card.id, version: card.version, to },
  );
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body.version;
}

/** Opens the board and waits until it is hydrated and following live updates. */
export async function openLiveBoard(page: Page) {
  await page.goto("/");
  await expect(page.locator(".board-page")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator("html")).toHaveAttribute("data-live", "open");
}
