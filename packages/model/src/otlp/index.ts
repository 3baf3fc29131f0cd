// OTLP decode/encode: owned by the OTLP engineer.
export {};
