import type { Attributes } from "./any-value.js";

/**
 * The entity that produced telemetry. Spans and logs from one OTLP ResourceSpans share one
 * Resource object by reference; treat it as immutable.
 */
export interface Resource {
  attributes: Attributes;
  droppedAttributesCount: number;
  schemaUrl: string;
}

/** The instrumentation library that produced telemetry. Shared by reference like Resource. */
export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  schemaUrl: string;
}

/** Name used when a resource has no `service.name` (the OTel SDK default). */
export const UNKNOWN_SERVICE = "unknown_service";

export function serviceNameOf(resource: Resource): string {
  const name = resource.attributes["service.name"];
  return typeof name === "string" && name.length > 0 ? name : UNKNOWN_SERVICE;
}
