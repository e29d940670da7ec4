/* Webpack build of AIECON.
 *
 * Three configurations (`--config-name` selects some):
 *  - "addin" (browser) into dist/: the custom functions bundle (functions.js + functions.json)
 *    and the task pane (taskpane.html), what Excel loads; dist/ is what is deployed.
 *  - "workbench" (browser) into dist-workbench/: the workbench page (workbench.html) that hosts
 *    the same task pane and loads the same dist/functions.js beside an in-browser workbook.
 *    It holds HyperFormula (GPL-3.0), so it never goes into dist/; scripts/serve.mjs serves
 *    dist-workbench/ over dist/ as one site.
 *  - "cli" (node): the `aiecon` command, dist/cli/aiecon.js.
 *
 * Each configuration records when a successful build started in .aiecon-build/<name>.json;
 * test/support/ensure-built.ts rebuilds when a source is newer.
 */
const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const AllowErrorsPlugin = require("./src/functions/allow-errors-plugin");

const urlDev = "https://localhost:3000/";
// Where the production add-in is hosted (https, ends with /). Documented in the README.
const urlProdDefault = "https://aiecon.github.io/aiecon/";
const urlProd = withSlash(process.env.ADDIN_URL || process.env.AIECON_PUBLIC_URL || urlProdDefault);
const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const officeJsLocal = "office-js/office.js";

function withSlash(u) {
  return u.endsWith("/") ? u : `${u}/`;
}

/** Development URLs of manifest.xml to production ones: file URLs, and the AppDomain (no slash). */
function productionManifest(xml) {
  return xml
    .split(urlDev)
    .join(urlProd)
    .split(urlDev.slice(0, -1))
    .join(new URL(urlProd).origin);
}
const dist = path.resolve(__dirname, "dist");
const distWorkbench = path.resolve(__dirname, "dist-workbench");
const stamps = path.resolve(__dirname, ".aiecon-build");

/**
 * Writes .aiecon-build/<name>.json ({ mode, started }) after a build without errors, `started`
 * being when it began reading the sources (a source saved during the build is newer).
 */
function buildStamp(name, mode) {
  return {
    apply(compiler) {
      let started = Date.now();
      compiler.hooks.beforeRun.tap("BuildStamp", () => {
        started = Date.now();
      });
      compiler.hooks.watchRun.tap("BuildStamp", () => {
        started = Date.now();
      });
      compiler.hooks.done.tap("BuildStamp", (stats) => {
        if (stats.hasErrors()) return;
        const fs = require("fs");
        fs.mkdirSync(stamps, { recursive: true });
        fs.writeFileSync(path.join(stamps, `${name}.json`), JSON.stringify({ mode, started }) + "\n");
      });
    },
  };
}

const tsRule = {
  test: /\.ts$/,
  exclude: /node_modules/,
  use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.json" } },
};

module.exports = (env, argv) => {
  const dev = argv.mode === "development";
  const mode = dev ? "development" : "production";

  const addin = {
    name: "addin",
    target: "web",
    devtool: "source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.ts",
    },
    output: {
      path: dist,
      filename: "[name].js",
      // functions.js must run in Excel's JavaScript-only custom functions runtime (no window).
      globalObject: "globalThis",
      clean: { keep: /^cli\// },
    },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule] },
    performance: { hints: false },
    optimization: {
      splitChunks: false,
      runtimeChunk: false,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      // Error values must reach the functions (an error in one cell affects only that cell).
      new AllowErrorsPlugin({ asset: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        templateParameters: { officeJs: dev ? officeJsLocal : officeJsCdn },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/*.svg", to: "assets/[name][ext]", noErrorOnMissing: true },
          // The support page (manifest SupportUrl): docs/support.md served as support.html.
          {
            from: "docs/support.md",
            to: "support.html",
            transform(content) {
              const esc = content.toString().replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
              return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8" /><title>AIECON support</title></head>\n<body><pre style="white-space: pre-wrap; font-family: 'Segoe UI', system-ui, sans-serif">${esc}</pre></body></html>\n`;
            },
          },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              return dev ? content : productionManifest(content.toString());
            },
          },
          // office.js from the npm package for the development build, the workbench and the tests
          // (offline); the production task pane uses the CDN. Copied as is (not minified again).
          {
            from: "node_modules/@microsoft/office-js/dist",
            to: "office-js",
            info: { minimized: true },
            globOptions: { ignore: ["**/*.d.ts"] },
          },
        ],
      }),
      buildStamp("addin", mode),
    ],
  };

  // The workbench: a local development and test page, never deployed. Not minified (minifying
  // HyperFormula costs most of the build time and buys nothing here). Its chunks are named
  // workbench.* so that they never shadow a dist/ file when both folders are served as one.
  const workbench = {
    name: "workbench",
    target: "web",
    devtool: "source-map",
    entry: { workbench: "./src/workbench/index.ts" },
    output: {
      path: distWorkbench,
      filename: "[name].js",
      chunkFilename: "workbench.[id].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule] },
    performance: { hints: false },
    optimization: { splitChunks: false, runtimeChunk: false, minimize: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "workbench.html",
        template: "./src/workbench/workbench.html",
        // functions.js (from dist/) is loaded by the workbench itself, after its CustomFunctions
        // shim is in place.
        chunks: ["workbench"],
      }),
      new CopyWebpackPlugin({
        patterns: [{ from: "node_modules/hyperformula/LICENSE.txt", to: "HYPERFORMULA-LICENSE.txt" }],
      }),
      buildStamp("workbench", mode),
    ],
  };

  const cli = {
    name: "cli",
    target: "node20",
    devtool: "source-map",
    entry: { aiecon: "./src/cli/main.ts" },
    output: { path: path.join(dist, "cli"), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule] },
    optimization: { minimize: false },
    performance: { hints: false },
    plugins: [
      buildStamp("cli", mode),
      new webpack.BannerPlugin({ banner: "#!/usr/bin/env node", raw: true, entryOnly: true }),
      // The bundle holds the price table derived from LiteLLM's map (MIT): its notice goes beside it.
      new CopyWebpackPlugin({ patterns: [{ from: "src/import/prices/LICENSE-litellm.txt", to: "LICENSE-litellm.txt" }] }),
      {
        apply(compiler) {
          compiler.hooks.afterEmit.tap("chmod", () => {
            const fs = require("fs");
            const f = path.join(dist, "cli", "aiecon.js");
            if (fs.existsSync(f)) fs.chmodSync(f, 0o755);
          });
        },
      },
    ],
  };

  return [addin, workbench, cli];
};
