import type { AttributeValue } from "@opentelemetry/api";
import {
  defaultResource,
  detectResources,
  hostDetector,
  osDetector,
  processDetector,
  resourceFromAttributes,
  type Resource,
} from "@opentelemetry/resources";

/**
 * SDK defaults (telemetry.sdk.*), then detected host.*, os.* and process.* attributes, then the
 * user's attributes (env and code, already resolved) on top so they always win. The env
 * detector is not used: OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME are part of `attributes`.
 */
export function createResource(attributes: Record<string, AttributeValue>): Resource {
  return defaultResource()
    .merge(detectResources({ detectors: [hostDetector, osDetector, processDetector] }))
    .merge(resourceFromAttributes(attributes));
}
