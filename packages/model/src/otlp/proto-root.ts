import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

/**
 * The OTLP message types, loaded once at module init from the package's `proto/` directory (the
 * official .proto files, kept verbatim so a diff against upstream is trivial). The directory is
 * resolved relative to this module, which sits at the same depth in `src/otlp/` and `dist/otlp/`,
 * so both the source and the built package find it. Loading .proto text costs a few ms once; we
 * prefer that to a generated descriptor that could drift from the .proto files.
 */
const PROTO_DIR = fileURLToPath(new URL("../../proto/", import.meta.url));

function loadRoot(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => PROTO_DIR + target;
  root.loadSync(["opentelemetry/proto/collector/trace/v1/trace_service.proto", "opentelemetry/proto/collector/logs/v1/logs_service.proto"], {
    keepCase: false,
  });
  root.resolveAll();
  return root;
}

const root = loadRoot();

export const ExportTraceServiceRequest = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
export const ExportLogsServiceRequest = root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest");
/** Also serves ExportLogsServiceResponse: both have partial_success = 1 with the same field numbers. */
export const ExportTraceServiceResponse = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse");
