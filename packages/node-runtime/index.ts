// Node-only helpers every process uses: buffered log lines, the database connection
// (PostgreSQL or PGlite) and throw-away test databases.
export * from "./buffered-lines";
export * from "./database";
export * from "./test-database";
export * from "./test-helpers";
export * from "./http-handler";
export * from "./memory-report";
export * from "./churn-vacuum";
