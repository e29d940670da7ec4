/* A webpack plugin (CommonJS, used by webpack.config.js) that sets
 * "allowErrorForDataTypeAny": true in the generated functions.json.
 *
 * Without it Excel does not call a custom function whose `any` argument holds an error
 * value: the whole call returns the error. The AIECON contract needs the function to see
 * them: an error in one cell of a range affects only that cell of the spilled result, and an
 * error value in an aggregate range is returned as met. custom-functions-metadata-plugin
 * writes only "allowCustomDataForDataTypeAny", so this plugin adds the other flag.
 *
 *   const AllowErrorsPlugin = require("./src/functions/allow-errors-plugin");
 *   plugins: [new CustomFunctionsMetadataPlugin({...}), new AllowErrorsPlugin({ asset: "functions.json" }), ...]
 */
const { Compilation, sources } = require("webpack");

class AllowErrorsForDataTypeAnyPlugin {
  constructor(options = {}) {
    this.asset = options.asset || "functions.json";
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("AllowErrorsForDataTypeAnyPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "AllowErrorsForDataTypeAnyPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset(this.asset);
          if (!asset) return;
          const metadata = JSON.parse(asset.source.source().toString());
          const patched = { allowErrorForDataTypeAny: true, ...metadata };
          compilation.updateAsset(this.asset, new sources.RawSource(JSON.stringify(patched, null, 4)));
        },
      );
    });
  }
}

module.exports = AllowErrorsForDataTypeAnyPlugin;
