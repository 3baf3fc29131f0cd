import type { InstrumentationScope, Resource } from "../resource.js";
import { pbAttributes, toPbKeyValues } from "./proto-any-value.js";
import type { PbKeyValue, PbKeyValueInput } from "./proto-any-value.js";

/** Resource / InstrumentationScope conversion between protobufjs messages and the model. */
export interface PbResource {
  attributes?: PbKeyValue[];
  droppedAttributesCount?: number;
}

export interface PbScope {
  name?: string;
  version?: string;
  attributes?: PbKeyValue[];
  droppedAttributesCount?: number;
}

/** A missing resource decodes to an empty one; the schema URL comes from the enclosing Resource{Spans,Logs}. */
export function pbResource(resource: PbResource | null | undefined, schemaUrl: string | undefined): Resource {
  return {
    attributes: pbAttributes(resource?.attributes),
    droppedAttributesCount: resource?.droppedAttributesCount ?? 0,
    schemaUrl: schemaUrl ?? "",
  };
}

export function pbScope(scope: PbScope | null | undefined, schemaUrl: string | undefined): InstrumentationScope {
  return {
    name: scope?.name ?? "",
    version: scope?.version ?? "",
    attributes: pbAttributes(scope?.attributes),
    droppedAttributesCount: scope?.droppedAttributesCount ?? 0,
    schemaUrl: schemaUrl ?? "",
  };
}

export function toPbResource(resource: Resource): { attributes: PbKeyValueInput[]; droppedAttributesCount: number } {
  return { attributes: toPbKeyValues(resource.attributes), droppedAttributesCount: resource.droppedAttributesCount };
}

export function toPbScope(scope: InstrumentationScope): {
  name: string;
  version: string;
  attributes: PbKeyValueInput[];
  droppedAttributesCount: number;
} {
  return { name: scope.name, version: scope.version, attributes: toPbKeyValues(scope.attributes), droppedAttributesCount: scope.droppedAttributesCount };
}
