import type { InstrumentationScope, Resource } from "@skein/model";
import { attributesFromJson, encodeAttributes } from "./typed-json.js";

// Resources and scopes are shared by reference between the spans of one OTLP request, so their
// JSON is computed once per object (WeakMap) on write and decoded once per distinct text on read.

const resourceText = new WeakMap<Resource, string>();
const scopeText = new WeakMap<InstrumentationScope, string>();

/** `{"a":{attributes},"d":dropped,"s":schemaUrl}`; attributes in typed JSON. */
export function encodeResource(resource: Resource): string {
  let text = resourceText.get(resource);
  if (text === undefined) {
    text = `{"a":${encodeAttributes(resource.attributes)},"d":${resource.droppedAttributesCount},"s":${JSON.stringify(resource.schemaUrl)}}`;
    resourceText.set(resource, text);
  }
  return text;
}

/** `{"n":name,"v":version,"a":{attributes},"d":dropped,"s":schemaUrl}`. */
export function encodeScope(scope: InstrumentationScope): string {
  let text = scopeText.get(scope);
  if (text === undefined) {
    text =
      `{"n":${JSON.stringify(scope.name)},"v":${JSON.stringify(scope.version)},"a":${encodeAttributes(scope.attributes)},` +
      `"d":${scope.droppedAttributesCount},"s":${JSON.stringify(scope.schemaUrl)}}`;
    scopeText.set(scope, text);
  }
  return text;
}

interface ResourceJson {
  a: Record<string, unknown>;
  d: number;
  s: string;
}

interface ScopeJson extends ResourceJson {
  n: string;
  v: string;
}

/**
 * Decodes resources and scopes for one read, returning the same object for the same text so that
 * the spans of one read share them as ingest did. Bounded by the read's distinct texts.
 */
export class ResourceDecoder {
  private readonly resources = new Map<string, Resource>();
  private readonly scopes = new Map<string, InstrumentationScope>();

  resource(text: string): Resource {
    let resource = this.resources.get(text);
    if (resource === undefined) {
      const json = JSON.parse(text) as ResourceJson;
      resource = { attributes: attributesFromJson(json.a), droppedAttributesCount: json.d, schemaUrl: json.s };
      this.resources.set(text, resource);
    }
    return resource;
  }

  scope(text: string): InstrumentationScope {
    let scope = this.scopes.get(text);
    if (scope === undefined) {
      const json = JSON.parse(text) as ScopeJson;
      scope = { name: json.n, version: json.v, attributes: attributesFromJson(json.a), droppedAttributesCount: json.d, schemaUrl: json.s };
      this.scopes.set(text, scope);
    }
    return scope;
  }
}
