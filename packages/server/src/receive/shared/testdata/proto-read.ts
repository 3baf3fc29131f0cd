/**
 * Just enough protobuf reading to check what receivers answer: Export*ServiceResponse and
 * google.rpc.Status (with RetryInfo). Independent of the encoders under test.
 */
type Field = { field: number; varint?: bigint; bytes?: Uint8Array };

export function readFields(bytes: Uint8Array): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = bytes[pos++];
      if (byte === undefined) throw new Error("truncated varint");
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (pos < bytes.length) {
    const tag = Number(varint());
    const field = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) fields.push({ field, varint: varint() });
    else if (wire === 2) {
      const length = Number(varint());
      fields.push({ field, bytes: bytes.subarray(pos, pos + length) });
      pos += length;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return fields;
}

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes ?? new Uint8Array(0));

/** Export{Trace,Logs}ServiceResponse → partial success, or undefined when absent (full success). */
export function readExportResponse(bytes: Uint8Array): { rejected: number; errorMessage: string } | undefined {
  const partial = readFields(bytes).find((f) => f.field === 1)?.bytes;
  if (partial === undefined) return undefined;
  const fields = readFields(partial);
  return {
    rejected: Number(fields.find((f) => f.field === 1)?.varint ?? 0n),
    errorMessage: text(fields.find((f) => f.field === 2)?.bytes),
  };
}

/** google.rpc.Status → code, message, and the RetryInfo delay in seconds when present. */
export function readRpcStatus(bytes: Uint8Array): { code: number; message: string; retryDelaySeconds?: number } {
  const fields = readFields(bytes);
  const result: { code: number; message: string; retryDelaySeconds?: number } = {
    code: Number(fields.find((f) => f.field === 1)?.varint ?? 0n),
    message: text(fields.find((f) => f.field === 2)?.bytes),
  };
  for (const detail of fields.filter((f) => f.field === 3)) {
    const any = readFields(detail.bytes ?? new Uint8Array(0));
    if (text(any.find((f) => f.field === 1)?.bytes) !== "type.googleapis.com/google.rpc.RetryInfo") continue;
    const retryInfo = readFields(any.find((f) => f.field === 2)?.bytes ?? new Uint8Array(0));
    const duration = readFields(retryInfo.find((f) => f.field === 1)?.bytes ?? new Uint8Array(0));
    result.retryDelaySeconds = Number(duration.find((f) => f.field === 1)?.varint ?? 0n);
  }
  return result;
}
