import type { DecodedLogs, Rejection } from "../batch.js";
import { OtlpDecodeError } from "../errors.js";
import type { LogRecord } from "../log-record.js";
import { serviceNameOf } from "../resource.js";
import { groupByResourceAndScope } from "./group-by-scope.js";
import { knownEnum, logIdsProblem, optionalLogId } from "./id-checks.js";
import { bigIntToLongBits, longToBigInt } from "./int64.js";
import { copyBytes, pbAnyValue, pbAttributes, toPbAnyValue, toPbKeyValues } from "./proto-any-value.js";
import type { PbAnyValue, PbKeyValue } from "./proto-any-value.js";
import { pbResource, pbScope, toPbResource, toPbScope } from "./proto-resource.js";
import type { PbResource, PbScope } from "./proto-resource.js";
import { ExportLogsServiceRequest } from "./proto-root.js";

interface PbLogsRequest {
  resourceLogs: { resource?: PbResource | null; schemaUrl: string; scopeLogs: { scope?: PbScope | null; schemaUrl: string; logRecords: PbLogRecord[] }[] }[];
}

interface PbLogRecord {
  timeUnixNano: unknown;
  observedTimeUnixNano: unknown;
  severityNumber: number;
  severityText: string;
  body?: PbAnyValue | null;
  attributes: PbKeyValue[];
  droppedAttributesCount: number;
  flags: number;
  traceId: Uint8Array;
  spanId: Uint8Array;
  eventName: string;
}

/**
 * Decodes an ExportLogsServiceRequest. Throws OtlpDecodeError for bytes that are not such a
 * message. Empty or all-zero trace/span ids decode to null (uncorrelated); a non-empty id of the
 * wrong length rejects that record.
 */
export function decodeOtlpLogsProto(bytes: Uint8Array): DecodedLogs {
  let request: PbLogsRequest;
  try {
    request = ExportLogsServiceRequest.decode(bytes) as unknown as PbLogsRequest;
  } catch (error) {
    throw new OtlpDecodeError(`ExportLogsServiceRequest is not valid protobuf: ${(error as Error).message}`, { cause: error });
  }
  try {
    return convertRequest(request);
  } catch (error) {
    throw new OtlpDecodeError(`ExportLogsServiceRequest could not be converted: ${(error as Error).message}`, { cause: error });
  }
}

function convertRequest(request: PbLogsRequest): DecodedLogs {
  const logs: LogRecord[] = [];
  const rejected: Rejection[] = [];
  request.resourceLogs.forEach((rl, r) => {
    const resource = pbResource(rl.resource, rl.schemaUrl);
    const service = serviceNameOf(resource);
    rl.scopeLogs.forEach((sl, s) => {
      const scope = pbScope(sl.scope, sl.schemaUrl);
      sl.logRecords.forEach((pb, i) => {
        const problem = logIdsProblem(pb.traceId, pb.spanId);
        if (problem !== undefined) {
          rejected.push({ reason: `log record ${i} of resourceLogs[${r}].scopeLogs[${s}]: ${problem}` });
          return;
        }
        const traceId = optionalLogId(pb.traceId);
        const spanId = optionalLogId(pb.spanId);
        logs.push({
          timeUnixNano: longToBigInt(pb.timeUnixNano, false),
          observedTimeUnixNano: longToBigInt(pb.observedTimeUnixNano, false),
          severityNumber: knownEnum(pb.severityNumber, 24),
          severityText: pb.severityText,
          body: pbAnyValue(pb.body),
          attributes: pbAttributes(pb.attributes),
          droppedAttributesCount: pb.droppedAttributesCount,
          flags: pb.flags >>> 0,
          traceId: traceId === null ? null : copyBytes(traceId),
          spanId: spanId === null ? null : copyBytes(spanId),
          eventName: pb.eventName,
          resource,
          scope,
          service,
        });
      });
    });
  });
  return { batch: { logs }, rejected };
}

/**
 * Log records → ExportLogsServiceRequest bytes, grouped by resource and scope object identity.
 * A null body is written as absent, so it decodes back to null.
 */
export function encodeOtlpLogsProto(logs: readonly LogRecord[]): Uint8Array {
  const resourceLogs = groupByResourceAndScope(logs).map((group) => ({
    resource: toPbResource(group.resource),
    schemaUrl: group.resource.schemaUrl,
    scopeLogs: group.scopes.map((sg) => ({ scope: toPbScope(sg.scope), schemaUrl: sg.scope.schemaUrl, logRecords: sg.items.map(toPbLogRecord) })),
  }));
  return ExportLogsServiceRequest.encode({ resourceLogs }).finish();
}

function toPbLogRecord(log: LogRecord): object {
  return {
    timeUnixNano: bigIntToLongBits(log.timeUnixNano, true),
    observedTimeUnixNano: bigIntToLongBits(log.observedTimeUnixNano, true),
    severityNumber: log.severityNumber,
    severityText: log.severityText,
    ...(log.body === null ? {} : { body: toPbAnyValue(log.body) }),
    attributes: toPbKeyValues(log.attributes),
    droppedAttributesCount: log.droppedAttributesCount,
    flags: log.flags,
    traceId: log.traceId ?? new Uint8Array(0),
    spanId: log.spanId ?? new Uint8Array(0),
    eventName: log.eventName,
  };
}
