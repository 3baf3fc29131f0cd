// HTTP API schemas (zod) shared by server and ui: owned by the query engineer.
export {};
