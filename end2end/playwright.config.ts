import { defineConfig } from "@playwright/test";

// The server is started by scripts/test.sh (a release build on a fresh SQLite
// file with demo data); BASE_URL points at it.
export default defineConfig({
  testDir: process.env.TEST_DIR ?? "./tests",
  timeout: 30_000,
  // No retries: a flaky test is a failing one. (A retry once hid a
  // hydration panic on agents' ticket pages: the reply templates were a
  // LocalResource read during server rendering, which made the page's
  // <Transition> render its fallback about one time in ten; see
  // app/src/tickets/detail/comments.rs.)
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      // Without these Chromium floods the closed network with refused calls.
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
});
