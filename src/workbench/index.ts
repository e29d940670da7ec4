// Placeholder entry (issue 4 replaces it).
export {};
