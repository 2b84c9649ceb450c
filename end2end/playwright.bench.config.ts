// The measurements in bench/ (not part of `make test`), with the same server and browser.
import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

export default defineConfig({ ...base, testDir: "./bench" });
