import { emptyAttributes } from "../any-value.js";
import type { AnyValue, Attributes } from "../any-value.js";
import type { WireReader } from "./wire-reader.js";

/** KeyValue / AnyValue straight from the wire into model values (common/v1/common.proto). */

const KEY_VALUE_FIELDS = 0b110;
const ANY_VALUE_FIELDS = 0b1111_1110;
const LIST_FIELDS = 0b10;

/** Reads one KeyValue message (its length prefix included) into `into`. A missing value is null. */
export function readKeyValue(r: WireReader, into: Attributes): void {
  const end = r.lenEnd();
  let key = "";
  let value: AnyValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x0a) key = r.string();
    else if (tag === 0x12) value = readAnyValue(r);
    else r.unexpected(tag, KEY_VALUE_FIELDS, "KeyValue");
  }
  r.expectEnd(end, "KeyValue");
  into[key] = value;
}

/** Reads one AnyValue message (length prefix included). No field set → null (empty value). */
export function readAnyValue(r: WireReader): AnyValue {
  const end = r.lenEnd();
  let value: AnyValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 0x0a:
        value = r.string();
        break;
      case 0x10:
        value = r.bool();
        break;
      case 0x18:
        value = r.int64();
        break;
      case 0x21:
        value = r.double();
        break;
      case 0x2a:
        value = readArrayValue(r);
        break;
      case 0x32:
        value = readKeyValueList(r);
        break;
      case 0x3a:
        value = r.bytes();
        break;
      default:
        r.unexpected(tag, ANY_VALUE_FIELDS, "AnyValue");
    }
  }
  r.expectEnd(end, "AnyValue");
  return value;
}

function readArrayValue(r: WireReader): AnyValue[] {
  const end = r.lenEnd();
  const values: AnyValue[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x0a) values.push(readAnyValue(r));
    else r.unexpected(tag, LIST_FIELDS, "ArrayValue");
  }
  r.expectEnd(end, "ArrayValue");
  return values;
}

function readKeyValueList(r: WireReader): Attributes {
  const end = r.lenEnd();
  const values = emptyAttributes();
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x0a) readKeyValue(r, values);
    else r.unexpected(tag, LIST_FIELDS, "KeyValueList");
  }
  r.expectEnd(end, "KeyValueList");
  return values;
}
