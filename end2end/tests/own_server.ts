// A server of a test's own (the release binary and site scripts/test.sh
// names), for tests that stop, restart or reshape the demo, which the
// shared server must not suffer.
import { spawn, type ChildProcess } from "node:child_process";
import * as net from "node:net";

const BIN = process.env.SLABOARD_BIN;
const SITE = process.env.SLABOARD_SITE_ROOT;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

// Starts `slaboard` on `dataDir` (seeding the demo when empty) and waits
// until it listens.
export function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  if (!BIN || !SITE) throw new Error("SLABOARD_BIN and SLABOARD_SITE_ROOT must name the release build");
  const child = spawn(BIN, ["--demo", "--data-dir", dataDir, "--listen", `127.0.0.1:${port}`, "--site-root", SITE], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("is running at")) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", seen);
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
