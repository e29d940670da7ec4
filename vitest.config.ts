import { defineConfig } from "vitest/config";

// Projects: `unit` (core, import engine, functions, built bundle, workbook writer against the
// in-memory host, architecture), `unit-blank0` (the function tests with Excel-on-Windows
// blanks) and `browser` (the workbench in headless Debian Chromium driven by playwright-core).
// A test that needs dist/ or dist-workbench/ calls test/support/ensure-built.ts in a
// beforeAll with BUILD_TIMEOUT: it builds when a source is newer, one build at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000, // the workbook tests run a whole import and HyperFormula; a loaded 2-core machine needs minutes
        },
      },
      {
        // Every function test again with a blank cell arriving as 0, as Excel on Windows passes it.
        test: {
          name: "unit-blank0",
          include: ["test/unit/functions/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000, // the workbook tests run a whole import and HyperFormula; a loaded 2-core machine needs minutes
          env: { AIECON_BLANK: "zero" },
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
