/* Webpack build of AIECON.
 *
 * Two configurations:
 *  - "addin" (browser): the custom functions bundle (functions.js + functions.json),
 *    the task pane (taskpane.html), and the workbench (workbench.html) that hosts the
 *    same task pane and the same functions.js beside an in-browser workbook.
 *    The workbench (and HyperFormula, GPL-3.0) is its own entry: nothing of it is in
 *    functions.js or taskpane.html, which are what Excel loads.
 *  - "cli" (node): the `aiecon` command, dist/cli/aiecon.js.
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

/**
 * Marks matching assets as already minimized so the minimizer leaves them alone. The workbench
 * bundle (HyperFormula) is a local development and test page: minifying it costs most of the
 * build time and buys nothing. What Excel loads (functions.js, taskpane.js) is minified.
 */
function skipMinify(pattern) {
  return {
    apply(compiler) {
      compiler.hooks.thisCompilation.tap("SkipMinify", (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: "SkipMinify", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE - 1 },
          (assets) => {
            for (const name of Object.keys(assets)) {
              if (pattern.test(name)) compilation.updateAsset(name, (s) => s, { minimized: true });
            }
          },
        );
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

  const addin = {
    name: "addin",
    target: "web",
    devtool: "source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.ts",
      workbench: "./src/workbench/index.ts",
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
      skipMinify(/^workbench\.js$/),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        templateParameters: { officeJs: dev ? officeJsLocal : officeJsCdn },
      }),
      new HtmlWebpackPlugin({
        filename: "workbench.html",
        template: "./src/workbench/workbench.html",
        // functions.js is loaded by the workbench itself, after its CustomFunctions shim is in place.
        chunks: ["workbench"],
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
      new webpack.BannerPlugin({ banner: "#!/usr/bin/env node", raw: true, entryOnly: true }),
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

  return [addin, cli];
};
