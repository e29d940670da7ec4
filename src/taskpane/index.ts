// Placeholder entry (issue 5 replaces it).
Office.onReady(() => undefined);
