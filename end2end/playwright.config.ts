// Browser journeys run in Debian's Chromium (no browser download) against the real
// server, started on a fresh SQLite database loaded with the demo board.
import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3107);
const bin = process.env.E2E_BIN ?? path.resolve(__dirname, "../target/debug/ispo-board");
const siteRoot = process.env.E2E_SITE_ROOT ?? path.resolve(__dirname, "../target/site");
const dbFile = path.join(os.tmpdir(), `ispo-board-e2e-${process.pid}.db`);
const env = {
  DATABASE_URL: `sqlite://${dbFile}?mode=rwc`,
  ISPO_ADDR: `127.0.0.1:${port}`,
  LEPTOS_SITE_ROOT: siteRoot,
  LEPTOS_OUTPUT_NAME: "ispo-board",
  RUST_LOG: "warn",
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  // A debug build hydrates in about a second; on a loaded machine it can take several.
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    headless: true,
    // Tall enough that a drag from any column to any other needs no scrolling.
    viewport: { width: 1400, height: 1800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command:
      `rm -f '${dbFile}'* && '${bin}' seed-demo && ` +
      `printf 'e2e admin password\\n' | '${bin}' admin create --email admin@example.org --name 'Ada Admin' && ` +
      `exec '${bin}' serve`,
    url: `http://127.0.0.1:${port}/healthz`,
    env,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
