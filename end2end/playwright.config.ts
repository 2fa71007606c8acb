import { defineConfig } from "@playwright/test";

// The server is started by scripts/test.sh (a release build on a fresh SQLite
// file with demo data); BASE_URL points at it.
export default defineConfig({
  testDir: process.env.TEST_DIR ?? "./tests",
  timeout: 30_000,
  // One retry, reported as "flaky" in the output: a hydration panic on a
  // lead's ticket page right after a client created it was seen in 3 of ~20
  // full runs one evening and in none of 15 runs after (see the issue 4
  // note); until it is found, a flake must not hide the rest of the suite,
  // and `hydrated()` prints the console when it happens.
  retries: 1,
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
