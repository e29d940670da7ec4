import { defineConfig } from "vitest/config";

// Two projects: `unit` (core, import engine, functions, built bundle, workbook writer
// against the in-memory host) and `browser` (the workbench in headless Debian Chromium
// driven by playwright-core; needs `npm run build` first).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
