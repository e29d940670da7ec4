// Placeholder entry (issue 3 replaces it).
process.stdout.write("aiecon: not built yet\n");
