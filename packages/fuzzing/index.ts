// Test-only: fast-check arbitraries and oracles shared by the fuzzing properties of every
// process (device channel, OCPP-J at both ends). Imported by tests and benchmarks only; the
// dependency rules keep it out of anything that ships.
export * from "./hostile-values";
export * from "./json-mutation";
export * from "./ocpp-j";
export * from "./property-checks";
export * from "./ocpp-j-answers";
