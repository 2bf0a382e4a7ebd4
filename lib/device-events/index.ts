export * from "./schema";
export * from "./signature";
