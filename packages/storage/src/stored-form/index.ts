/**
 * The stored form of attribute values, resources and scopes that SQL adapters share: typed JSON,
 * lossless for every OTLP AnyValue (see typed-json.ts). Not part of the port itself: adapters
 * import it from `@skein/storage/stored-form`.
 */
export {
  attributesFromJson,
  decodeAttributes,
  decodeSplitAttributes,
  decodeValue,
  encodeAttributeKeys,
  encodeAttributeValues,
  encodeAttributes,
  encodeValue,
} from "./typed-json.js";
export { ResourceDecoder, encodeResource, encodeScope } from "./resource-json.js";
export { decodeEvents, decodeLinks, encodeEventTimes, encodeEvents, encodeLinks } from "./events-json.js";
