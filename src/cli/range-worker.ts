/** A worker thread's entry for the parallel CSV reader when run from the TypeScript sources (tests, through tsx). */
import { serveRange } from "./threads";

void serveRange();
