import type { GenAttribute } from "./gen-span.js";
import { KIND } from "./gen-span.js";
import type { Rng } from "./rng.js";

/**
 * The shop the generator simulates (modelled on the OpenTelemetry demo): which operation each
 * service runs, what it calls, and semconv attributes per span type. Durations are self time in
 * ms (log-normal medians); the tree builder adds children's time on top.
 */

export type Protocol = "http" | "rpc" | "postgres" | "redis" | "kafka" | "internal";

export interface Call {
  op: string;
  /** probability the call happens at all (default 1) */
  p?: number;
  /** how many times, inclusive range (default [1, 1]) */
  times?: [number, number];
}

export interface Operation {
  service: string;
  /** server span name (http: method + route; rpc: package.Service/Method; db: statement summary) */
  name: string;
  protocol: Protocol;
  /** for http: the method; for db: the operation name */
  verb: string;
  /** http route / rpc full method / db collection / kafka topic */
  target: string;
  selfMs: number;
  calls: Call[];
}

const rpc = (service: string, svc: string, method: string, selfMs: number, calls: Call[] = []): Operation => ({
  service, name: `oteldemo.${svc}/${method}`, protocol: "rpc", verb: method, target: `oteldemo.${svc}`, selfMs, calls,
});
const http = (service: string, verb: string, route: string, selfMs: number, calls: Call[] = []): Operation => ({
  service, name: `${verb} ${route}`, protocol: "http", verb, target: route, selfMs, calls,
});
const pg = (service: string, verb: string, table: string, selfMs: number): Operation => ({
  service, name: `${verb} ${table}`, protocol: "postgres", verb, target: table, selfMs, calls: [],
});
const redis = (service: string, verb: string, selfMs: number): Operation => ({
  service, name: verb, protocol: "redis", verb, target: "cart", selfMs, calls: [],
});
const internal = (service: string, name: string, selfMs: number, calls: Call[] = []): Operation => ({
  service, name, protocol: "internal", verb: name, target: name, selfMs, calls,
});
const consume = (service: string, topic: string, selfMs: number, calls: Call[] = []): Operation => ({
  service, name: `process ${topic}`, protocol: "kafka", verb: "process", target: topic, selfMs, calls,
});

export const OPERATIONS: Record<string, Operation> = {
  "web.home": http("frontend", "GET", "/", 4, [{ op: "catalog.list" }, { op: "ad.get" }, { op: "currency.supported" }]),
  "web.product": http("frontend", "GET", "/api/products/{productId}", 3, [
    { op: "catalog.get" }, { op: "reco.list", p: 0.8 }, { op: "ad.get", p: 0.7 }, { op: "currency.convert" },
  ]),
  "web.cart": http("frontend", "GET", "/api/cart", 3, [{ op: "cart.get" }, { op: "catalog.get", times: [1, 4] }, { op: "currency.convert" }]),
  "web.add": http("frontend", "POST", "/api/cart", 3, [{ op: "cart.add" }]),
  "web.checkout": http("frontend", "POST", "/api/checkout", 5, [{ op: "checkout.place" }]),
  "catalog.get": rpc("product-catalog", "ProductCatalogService", "GetProduct", 1.5, [{ op: "pg.products.get" }]),
  "catalog.list": rpc("product-catalog", "ProductCatalogService", "ListProducts", 2, [{ op: "pg.products.list" }]),
  "pg.products.get": pg("product-catalog", "SELECT", "catalog.products", 2),
  "pg.products.list": pg("product-catalog", "SELECT", "catalog.products", 6),
  "reco.list": rpc("recommendation", "RecommendationService", "ListRecommendations", 4, [
    { op: "reco.pick" }, { op: "catalog.list" },
  ]),
  "reco.pick": internal("recommendation", "get_product_list", 2),
  "ad.get": rpc("ad", "AdService", "GetAds", 1.5, [{ op: "ad.pick" }]),
  "ad.pick": internal("ad", "getAdsByCategory", 1),
  "currency.convert": rpc("currency", "CurrencyService", "Convert", 0.4),
  "currency.supported": rpc("currency", "CurrencyService", "GetSupportedCurrencies", 0.3),
  "cart.get": rpc("cart", "CartService", "GetCart", 0.8, [{ op: "redis.hgetall" }]),
  "cart.add": rpc("cart", "CartService", "AddItem", 0.8, [{ op: "redis.hset" }, { op: "redis.expire" }]),
  "cart.empty": rpc("cart", "CartService", "EmptyCart", 0.6, [{ op: "redis.del" }]),
  "redis.hgetall": redis("cart", "HGETALL", 0.6),
  "redis.hset": redis("cart", "HSET", 0.5),
  "redis.expire": redis("cart", "EXPIRE", 0.3),
  "redis.del": redis("cart", "DEL", 0.3),
  "checkout.place": rpc("checkout", "CheckoutService", "PlaceOrder", 6, [
    { op: "cart.get" }, { op: "catalog.get", times: [1, 3] }, { op: "currency.convert", times: [1, 3] },
    { op: "shipping.quote" }, { op: "payment.charge" }, { op: "shipping.ship" }, { op: "cart.empty" },
    { op: "email.send" }, { op: "orders.accounting" }, { op: "orders.fraud", p: 0.5 },
  ]),
  "shipping.quote": http("shipping", "POST", "/get-quote", 2, [{ op: "shipping.calc" }]),
  "shipping.calc": internal("shipping", "calculate_quote", 1),
  "shipping.ship": http("shipping", "POST", "/ship-order", 2),
  "payment.charge": rpc("payment", "PaymentService", "Charge", 25, [{ op: "payment.card" }]),
  "payment.card": internal("payment", "charge", 8),
  "email.send": http("email", "POST", "/send_order_confirmation", 5, [{ op: "email.render" }]),
  "email.render": internal("email", "render_template", 3),
  "orders.accounting": consume("accounting", "orders", 3, [{ op: "pg.orders.insert" }]),
  "orders.fraud": consume("fraud-detection", "orders", 2),
  "pg.orders.insert": pg("accounting", "INSERT", "accounting.orders", 3),
};

/** Root operations and their weights (share of traces). */
export const ROOTS: readonly [string, number][] = [
  ["web.product", 0.35], ["web.home", 0.2], ["web.cart", 0.2], ["web.add", 0.15], ["web.checkout", 0.1],
];

export const SERVICES = [...new Set(Object.values(OPERATIONS).map((o) => o.service))].sort();

const HOSTS: Record<string, string> = Object.fromEntries(SERVICES.map((s, i) => [s, `10.42.${i}.${17 + i}`]));
const PORTS: Record<string, number> = { frontend: 8080, shipping: 50050, email: 6060 };

export function serviceAddress(service: string): { host: string; port: number; ip: string } {
  return { host: service, port: PORTS[service] ?? 50051, ip: HOSTS[service] ?? "10.42.99.9" };
}

const AGENTS = ["Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0", "Mozilla/5.0 (iPhone) Mobile/15E148", "python-requests/2.32.3"];

/** Resource attributes of a service (shared by all its spans in a request). */
export function resourceAttributes(service: string, rng: Rng): GenAttribute[] {
  return [
    { key: "service.name", value: service },
    { key: "service.version", value: "2.0.2" },
    { key: "service.namespace", value: "shop" },
    { key: "deployment.environment.name", value: "production" },
    { key: "host.name", value: `${service}-7d9f8b${rng.int(100, 999)}` },
    { key: "telemetry.sdk.name", value: "opentelemetry" },
    { key: "telemetry.sdk.language", value: "nodejs" },
    { key: "telemetry.sdk.version", value: "2.12.1" },
  ];
}

/** Semconv attributes for one span of `op`; `side` says whether this is the caller's span. */
export function spanAttributes(op: Operation, side: "server" | "client", statusCode: number, rng: Rng): GenAttribute[] {
  const peer = serviceAddress(op.service);
  const a: GenAttribute[] = [];
  const add = (key: string, value: string | number | boolean): void => void a.push({ key, value });
  switch (op.protocol) {
    case "http": {
      const path = op.target.replace("{productId}", `OLJCESPC7Z${rng.int(10, 99)}`);
      add("http.request.method", op.verb);
      add("http.response.status_code", statusCode);
      add("server.address", peer.host);
      add("server.port", peer.port);
      add("network.protocol.version", "1.1");
      if (side === "server") {
        add("http.route", op.target);
        add("url.path", path);
        add("url.scheme", "http");
        add("client.address", `10.42.${rng.int(0, 9)}.${rng.int(2, 250)}`);
        add("user_agent.original", rng.pick(AGENTS));
      } else {
        add("url.full", `http://${peer.host}:${peer.port}${path}`);
      }
      break;
    }
    case "rpc":
      add("rpc.system", "grpc");
      add("rpc.service", op.target);
      add("rpc.method", op.verb);
      add("rpc.grpc.status_code", statusCode);
      add("server.address", peer.host);
      add("server.port", peer.port);
      break;
    case "postgres":
      add("db.system.name", "postgresql");
      add("db.namespace", "shop");
      add("db.collection.name", op.target);
      add("db.operation.name", op.verb);
      add("db.query.text", op.verb === "SELECT" ? `SELECT id, name, price FROM ${op.target} WHERE id = $1` : `INSERT INTO ${op.target} (id, total) VALUES ($1, $2)`);
      add("server.address", "postgres");
      add("server.port", 5432);
      add("network.peer.address", "10.42.30.5");
      break;
    case "redis":
      add("db.system.name", "redis");
      add("db.operation.name", op.verb);
      add("db.query.text", `${op.verb} cart:${rng.int(1000, 99999)}`);
      add("db.namespace", "0");
      add("server.address", "valkey-cart");
      add("server.port", 6379);
      add("network.peer.address", "10.42.31.6");
      break;
    case "kafka":
      add("messaging.system", "kafka");
      add("messaging.destination.name", op.target);
      add("messaging.operation.type", side === "client" ? "send" : "process");
      add("messaging.operation.name", side === "client" ? "publish" : "process");
      add("messaging.kafka.message.key", `order-${rng.int(100000, 999999)}`);
      add("messaging.message.body.size", rng.int(200, 900));
      add("server.address", "kafka");
      add("server.port", 9092);
      if (side === "server") add("messaging.consumer.group.name", op.service);
      break;
    case "internal":
      add("code.function.name", op.name);
      add("code.file.path", `/app/src/${op.service}/${op.name}.js`);
      add("code.line.number", rng.int(20, 400));
      add("thread.id", rng.int(1, 16));
      break;
  }
  // App-level attributes the demo services set; they bring every span to 8–12 attributes.
  const extras: [string, () => string | number | boolean][] = [
    ["app.user.id", () => `u${rng.int(1, 50000)}`],
    ["app.cart.size", () => rng.int(0, 9)],
    ["app.currency", () => rng.pick(["USD", "EUR", "JPY", "CAD"])],
    ["app.product.id", () => `P${rng.int(100, 999)}`],
    ["app.synthetic", () => rng.chance(0.05)],
  ];
  const want = Math.min(12, Math.max(8, a.length + (rng.chance(0.3) ? rng.int(1, 2) : 0)));
  for (let i = 0; a.length < want && i < extras.length; i++) add(extras[i]![0], extras[i]![1]());
  return a;
}

export function isRemote(op: Operation): boolean {
  return op.protocol === "http" || op.protocol === "rpc" || op.protocol === "kafka";
}

/** OTLP kind of the span on the operation's own (callee) side. */
export function serverKind(op: Operation): number {
  if (op.protocol === "kafka") return KIND.CONSUMER;
  if (op.protocol === "internal") return KIND.INTERNAL;
  if (op.protocol === "postgres" || op.protocol === "redis") return KIND.CLIENT;
  return KIND.SERVER;
}
