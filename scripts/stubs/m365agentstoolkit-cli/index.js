// Behaves as an optional dependency that is not installed: AIECON sideloads with manifest.xml only.
const err = new Error("Cannot find module '@microsoft/m365agentstoolkit-cli' (not installed by AIECON: XML manifest only)");
err.code = "MODULE_NOT_FOUND";
throw err;
