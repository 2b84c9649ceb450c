// Signing in from a test.
import { Page, expect } from "@playwright/test";

export const ADMIN = { email: "admin@example.org", password: "e2e admin password" };

export async function signIn(page: Page, who = ADMIN) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator(".session .me")).toBeVisible();
}
